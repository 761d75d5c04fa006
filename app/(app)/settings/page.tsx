import type { Metadata } from "next";
import { ModelPicker } from "@/components/settings/model-picker";
import { RulesTable } from "@/components/scoring/rules-table";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getAccount } from "@/lib/auth/accounts";
import { requirePrincipal } from "@/lib/auth/session";
import { countLeads } from "@/lib/leads/dashboard";
import { getActiveVersion, listModels, versionLabel } from "@/lib/models/models";

export const metadata: Metadata = { title: "Settings · LeadRank" };

export default async function SettingsPage() {
  const tenant = await requirePrincipal();
  const [account, leadCount, active, models] = await Promise.all([getAccount(tenant), countLeads(tenant.companyId), getActiveVersion(tenant.companyId), listModels(tenant.companyId)]);
  const published = models.flatMap((model) => {
    const latest = model.versions.filter((v) => v.status === "published").at(-1);
    return latest ? [{ id: model.id, name: model.name, latest: versionLabel(model.name, latest.version), active: model.active }] : [];
  });
  return (
    <>
      <PageHeader title="Settings" description="Your company account and how LeadRank scores your leads." />
      <dl className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
        {[
          ["Company", account?.company.name],
          ["Signed in as", `${account?.name} (${account?.email})`],
        ].map(([label, value]) => (
          <div key={label} className="grid gap-1 px-5 py-4 sm:grid-cols-3">
            <dt className="text-sm font-medium text-slate-600">{label}</dt>
            <dd className="break-words text-sm text-slate-900 sm:col-span-2">{value}</dd>
          </div>
        ))}
      </dl>

      <section className="mt-8 rounded-lg bg-white p-5 ring-1 ring-slate-200" data-testid="scoring-model">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-semibold text-slate-900">Active model</h2>
          <ButtonLink href="/scoring" variant="secondary">
            Edit in the scoring studio
          </ButtonLink>
        </div>
        <ModelPicker models={published} leadCount={leadCount} />
        <h3 className="mt-6 font-medium text-slate-900">Rules of {active.label}</h3>
        <RulesTable model={active.definition} />
      </section>
    </>
  );
}
