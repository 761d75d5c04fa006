import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getAccount } from "@/lib/auth/accounts";
import { requireTenant } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { ModelPicker } from "@/components/settings/model-picker";
import { fieldByName } from "@/lib/csv/fields";
import { activeModel, PRESETS, type Condition } from "@/lib/scoring";

export const metadata: Metadata = { title: "Settings · LeadRank" };

function describe(condition: Condition): string {
  // The field as the rest of LeadRank names it ("Company size", not "companySize").
  const field = fieldByName(condition.field)?.label ?? condition.field.replace(/^extra:/, "column ");
  switch (condition.kind) {
    case "keywords":
      return `${field} mentions ${condition.keywords.join(", ")}`;
    case "values":
      return `${field} is ${condition.values.join(", ")}`;
    case "range":
      return `${field} ${condition.max === undefined ? `≥ ${condition.min}` : condition.min === undefined ? `≤ ${condition.max}` : `${condition.min}–${condition.max}`}`;
    case "yes":
      return `${field} is yes`;
    case "present":
      return `${field} has any value`;
    case "missing":
      return `${field} is empty`;
  }
}

export default async function SettingsPage() {
  const tenant = await requireTenant();
  const [account, leadCount] = await Promise.all([getAccount(tenant), prisma.lead.count({ where: { companyId: tenant.companyId } })]);
  const model = activeModel(account?.company.scoringModelId);
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
        <h2 className="font-semibold text-slate-900">Scoring model</h2>
        <ModelPicker models={PRESETS.map(({ id, name, description }) => ({ id, name, description }))} activeId={model.id} leadCount={leadCount} />
        <h3 className="mt-6 font-medium text-slate-900">Rules of {model.name}</h3>
        <p className="mt-1 text-sm text-slate-600">
          Score = min(100, round(100 × points ÷ {model.pointsFor100})). Grades: A 80–100, B 60–79, C 40–59, D below 40.
        </p>
        <div className="mt-4 overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-2 pr-4 font-medium">Rule</th>
                <th className="py-2 pr-4 font-medium">When (first match wins)</th>
                <th className="py-2 text-right font-medium">Points</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {model.criteria.flatMap((criterion) =>
                criterion.tiers.map((tier, i) => (
                  <tr key={`${criterion.id}-${i}`}>
                    <td className="py-2 pr-4 font-medium text-slate-900">{i === 0 ? criterion.label : ""}</td>
                    <td className="py-2 pr-4 text-slate-700">{tier.when.map(describe).join(", or ")}</td>
                    <td className="py-2 text-right text-slate-900">{tier.points}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
