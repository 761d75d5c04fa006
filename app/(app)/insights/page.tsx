import type { Metadata } from "next";
import { SuggestedModel } from "@/components/insights/suggested-model";
import { WinRateChart } from "@/components/insights/win-rate-chart";
import { describeCondition } from "@/components/scoring/describe";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { MIN_FOR_AUC } from "@/lib/outcomes/insights";
import { runHeavy } from "@/lib/threads/heavy";
import type { Rate } from "@/lib/outcomes/stats";
import { ScrollArea } from "@/components/ui/scroll-area";
import { GRADES } from "@/lib/scoring";

export const metadata: Metadata = { title: "Insights · LeadRank" };

const pct = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)}%`);
const interval = (rate: Rate) => (rate.winRate === null ? "" : `${pct(rate.low)}–${pct(rate.high)}`);
const CARD = "rounded-lg bg-white p-5 ring-1 ring-slate-200";

export default async function InsightsPage() {
  const principal = await requirePrincipal();
  const { companyId } = principal;
  const insights = await runHeavy("insights", { companyId }, { wait: true });
  const closed = insights.closed.won + insights.closed.lost;
  const header = <PageHeader title="Insights" description={`Does the score predict who buys? ${insights.model.label}, measured on your won and lost leads.`} />;

  if (closed === 0) {
    return (
      <>
        {header}
        <EmptyState title="No won or lost leads yet" action={<ButtonLink href="/imports">Import your CRM export</ButtonLink>}>
          Re-import your CRM export with its lifecycle or status column (HubSpot “Lifecycle Stage”, Salesforce “Lead Status”): LeadRank reads customers as won and
          closed-lost or disqualified leads as lost. You can also mark leads won or lost on the leads page. From {MIN_FOR_AUC} won and {MIN_FOR_AUC} lost leads,
          this page shows how well your score tells them apart.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {header}
      <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="insights-summary">
        <div className={CARD}>
          <dt className="text-sm text-slate-600">Closed leads</dt>
          <dd className="text-2xl font-semibold text-slate-900">{closed.toLocaleString("en-US")}</dd>
          <dd className="text-sm text-slate-600">
            {insights.closed.won.toLocaleString("en-US")} won · {insights.closed.lost.toLocaleString("en-US")} lost
          </dd>
        </div>
        <div className={CARD} data-testid="auc">
          <dt className="text-sm text-slate-600">How well the score ranks (ROC AUC)</dt>
          {insights.auc ? (
            <>
              <dd className="text-2xl font-semibold text-slate-900">{insights.auc.value.toFixed(2)}</dd>
              <dd className="text-sm text-slate-600">
                95% interval {insights.auc.low.toFixed(2)}–{insights.auc.high.toFixed(2)}. 0.5 is a coin toss, 1 is perfect.
              </dd>
            </>
          ) : (
            <dd className="mt-1 text-sm text-slate-700">
              Needs {insights.needs.won ? `${insights.needs.won} more won` : ""}
              {insights.needs.won && insights.needs.lost ? " and " : ""}
              {insights.needs.lost ? `${insights.needs.lost} more lost` : ""} leads.
            </dd>
          )}
        </div>
        <div className={CARD}>
          <dt className="text-sm text-slate-600">Lift of the top 20%</dt>
          <dd className="text-2xl font-semibold text-slate-900">{insights.lift === null ? "—" : `${insights.lift.toFixed(1)}×`}</dd>
          <dd className="text-sm text-slate-600">their win rate against all closed leads’</dd>
        </div>
        <div className={CARD}>
          <dt className="text-sm text-slate-600">Win rate overall</dt>
          <dd className="text-2xl font-semibold text-slate-900">{pct(insights.closed.won / closed)}</dd>
        </div>
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className={CARD} aria-labelledby="by-grade">
          <h2 id="by-grade" className="font-semibold text-slate-900">
            Win rate per grade
          </h2>
          <WinRateChart name="Win rate per grade" bars={GRADES.map((g) => ({ label: g, ...insights.byGrade[g] }))} />
          <table className="mt-2 w-full text-sm" data-testid="by-grade">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-1 font-medium">Grade</th>
                <th className="py-1 text-right font-medium">Closed</th>
                <th className="py-1 text-right font-medium">Won</th>
                <th className="py-1 text-right font-medium">Win rate (95%)</th>
                {insights.draft ? <th className="py-1 text-right font-medium">Draft</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {GRADES.map((g) => (
                <tr key={g}>
                  <td className="py-1 font-medium">{g}</td>
                  <td className="py-1 text-right">{insights.byGrade[g].leads.toLocaleString("en-US")}</td>
                  <td className="py-1 text-right">{insights.byGrade[g].won.toLocaleString("en-US")}</td>
                  <td className="whitespace-nowrap py-1 text-right">
                    {pct(insights.byGrade[g].winRate)} <span className="text-slate-500">{interval(insights.byGrade[g])}</span>
                  </td>
                  {insights.draft ? (
                    <td className="py-1 text-right">
                      {pct(insights.draft.byGrade[g].winRate)} <span className="text-slate-500">of {insights.draft.byGrade[g].leads}</span>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {insights.draft ? (
            <p className="mt-3 text-sm text-slate-700" data-testid="draft-comparison">
              Your draft <span className="font-medium">{insights.draft.label}</span> on the same leads: AUC{" "}
              {insights.draft.auc ? `${insights.draft.auc.value.toFixed(2)} (${insights.draft.auc.low.toFixed(2)}–${insights.draft.auc.high.toFixed(2)})` : "not yet measurable"}
              {insights.auc ? ` against ${insights.auc.value.toFixed(2)} now.` : "."}
            </p>
          ) : null}
        </section>

        <section className={CARD} aria-labelledby="by-decile">
          <h2 id="by-decile" className="font-semibold text-slate-900">
            Win rate per score decile
          </h2>
          <p className="text-sm text-slate-600">Your closed leads in ten equal groups, best scores first.</p>
          <WinRateChart
            name="Win rate per tenth of the closed leads, best scores first"
            bars={insights.deciles.map((d) => ({ label: `${d.decile * 10}%`, ...d, leads: Math.round(d.leads) }))}
          />
          <p className="text-xs text-slate-500" data-testid="deciles">
            Top 10%: scores {insights.deciles[0]?.minScore}–{insights.deciles[0]?.maxScore}, {pct(insights.deciles[0]?.winRate ?? null)} won. Per 10-point band:{" "}
            {insights.bands
              .filter((b) => b.leads > 0)
              .map((b) => `${b.bucket}: ${pct(b.winRate)} of ${b.leads}`)
              .join(" · ")}
          </p>
        </section>
      </div>

      <section className={`${CARD} mt-6`} aria-labelledby="by-rule">
        <h2 id="by-rule" className="font-semibold text-slate-900">
          Which rules convert
        </h2>
        <p className="text-sm text-slate-600">Closed leads by the tier of each rule they matched, and how many of them were won.</p>
        <ScrollArea label="Which rules convert" className="mt-3">
          <table className="min-w-[36rem] text-sm sm:min-w-full" data-testid="by-rule">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-2 pr-4 font-medium">Rule</th>
                <th className="py-2 pr-4 font-medium">Tier</th>
                <th className="py-2 pr-4 text-right font-medium">Points</th>
                <th className="py-2 pr-4 text-right font-medium">Closed</th>
                <th className="py-2 text-right font-medium">Win rate (95%)</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {insights.criteria.flatMap((criterion) =>
                criterion.tiers.map((tier, i) => (
                  <tr key={`${criterion.id}-${i}`}>
                    <td className="py-1.5 pr-4 font-medium text-slate-900">{i === 0 ? criterion.label : ""}</td>
                    <td className="py-1.5 pr-4 text-slate-700">{tier.tier === null ? "no match" : tier.when.map(describeCondition).join(", or ")}</td>
                    <td className="py-1.5 pr-4 text-right">{tier.points}</td>
                    <td className="py-1.5 pr-4 text-right">{tier.leads.toLocaleString("en-US")}</td>
                    <td className="whitespace-nowrap py-1.5 text-right">
                      {pct(tier.winRate)} <span className="text-slate-500">{interval(tier)}</span>
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </ScrollArea>
      </section>
      {can(principal, "models:edit") ? <SuggestedModel /> : null}
      <p className="mt-4 text-xs text-slate-500">
        Intervals are 95% Wilson score intervals; the AUC’s is Hanley and McNeil’s. Outcomes are never used to score a lead.
      </p>
    </>
  );
}
