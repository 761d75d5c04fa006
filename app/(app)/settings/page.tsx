import type { Metadata } from "next";
import { ApiTokens } from "@/components/settings/api-tokens";
import { ChangePassword } from "@/components/settings/change-password";
import { ModelPicker } from "@/components/settings/model-picker";
import { RulesTable } from "@/components/scoring/rules-table";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getAccount } from "@/lib/auth/accounts";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listTokens } from "@/lib/tokens/tokens";
import { countLeads } from "@/lib/leads/dashboard";
import { listModels } from "@/lib/models/models";
import { activeVersion, versionLabel } from "@/lib/versions/active-version";

export const metadata: Metadata = { title: "Settings · LeadRank" };

export default async function SettingsPage() {
  const tenant = await requirePrincipal();
  const [account, leadCount, active, models, tokens] = await Promise.all([
    getAccount(tenant),
    countLeads(tenant.companyId),
    activeVersion(tenant.companyId),
    listModels(tenant.companyId),
    can(tenant, "tokens:own") ? listTokens(tenant) : null,
  ]);
  const published = models.flatMap((model) => {
    const latest = model.versions.filter((v) => v.status === "published").at(-1);
    return latest ? [{ id: model.id, name: model.name, latest: versionLabel(model.name, latest.version), active: model.active }] : [];
  });
  return (
    <>
      <PageHeader title="Settings" description="Your account, your API tokens and how LeadRank scores your leads." />
      <dl className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
        {[
          ["Company", account?.company.name],
          ["Signed in as", `${account?.name} (${account?.email})`],
          ["Your role", ROLE_LABELS[tenant.role]],
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
            {can(tenant, "models:edit") ? "Edit in the scoring studio" : "Open the scoring studio"}
          </ButtonLink>
        </div>
        {can(tenant, "models:publish") ? (
          <ModelPicker models={published} leadCount={leadCount} />
        ) : (
          <p className="mt-2 text-sm text-slate-600">Your leads are scored with {active.label}. Owners choose the active model.</p>
        )}
        <h3 className="mt-6 font-medium text-slate-900">Rules of {active.label}</h3>
        <RulesTable model={active.definition} />
      </section>

      {tokens ? (
        <section className="mt-8 rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading" className="font-semibold text-slate-900">
            API tokens
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            {can(tenant, "tokens:all") ? "Everyone's tokens in this company; you can revoke any of them." : "Your tokens for this company."} Scripts send one as{" "}
            <code>Authorization: Bearer lr_…</code>.
          </p>
          <ApiTokens tokens={tokens} myRole={tenant.role} me={tenant.userId} />
        </section>
      ) : null}

      <section className="mt-8 rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-labelledby="password-heading">
        <h2 id="password-heading" className="mb-4 font-semibold text-slate-900">
          Your password
        </h2>
        <ChangePassword />
      </section>
    </>
  );
}
