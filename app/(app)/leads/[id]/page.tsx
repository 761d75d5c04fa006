import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActivityTimeline } from "@/components/leads/activity-timeline";
import { OutcomeButtons } from "@/components/leads/outcome-buttons";
import { OutcomeBadge, ScoreBadge } from "@/components/leads/score-badge";
import { PageHeader } from "@/components/ui/page-header";
import { leadActivities } from "@/lib/activities/activities";
import { leadActivitiesQuery } from "@/lib/activities/schemas";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { LEAD_FIELDS } from "@/lib/csv/fields";
import { explainScore } from "@/lib/leads/explain";
import { getLead } from "@/lib/leads/get-lead";
import { leadDisplayName } from "@/lib/leads/list-leads";
import { activeVersion } from "@/lib/versions/active-version";
import { ScrollArea } from "@/components/ui/scroll-area";

export const metadata: Metadata = { title: "Lead · LeadRank" };

const shown = (value: unknown) =>
  value === null || value === undefined || value === "" ? "—" : value === true ? "yes" : value === false ? "no" : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);

export default async function LeadPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const principal = await requirePrincipal();
  const { companyId } = principal;
  const [lead, version] = await Promise.all([getLead(companyId, (await params).id), activeVersion(companyId)]);
  if (!lead) notFound();
  const { activityPage, activityType } = await searchParams;
  const timelineQuery = leadActivitiesQuery.safeParse({ page: activityPage, type: activityType });
  const timeline = await leadActivities(companyId, lead.id, timelineQuery.success ? timelineQuery.data : { page: 1 });
  const explained = explainScore(lead, version);
  const extra = Object.entries((lead.extra ?? {}) as Record<string, string>);
  return (
    <>
      <PageHeader title={leadDisplayName(lead)} description={[lead.jobTitle, lead.companyName].filter(Boolean).join(" · ")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
          <div className="mb-4 flex items-center justify-between gap-3">
            <h2 className="font-semibold text-slate-900">Why this score</h2>
            <span data-testid="lead-score">
              <ScoreBadge score={lead.score} grade={lead.grade} />
            </span>
          </div>
          <>
              <ScrollArea label="Score breakdown">
                <table className="min-w-full text-sm" data-testid="breakdown">
                  <thead className="text-left text-slate-600">
                    <tr>
                      <th className="py-2 pr-3 font-medium">Rule</th>
                      <th className="py-2 pr-3 font-medium">Value seen</th>
                      <th className="py-2 text-right font-medium">Points</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {explained.entries.map((entry) => (
                      <tr key={entry.criterion}>
                        <td className="py-2 pr-3 text-slate-900">{entry.label}</td>
                        <td className="py-2 pr-3 text-slate-700">
                          {entry.value === null ? <span className="italic text-slate-500">empty</span> : shown(entry.value)}
                          {entry.matched && entry.matched !== String(entry.value) ? <span className="text-slate-500"> (matched {entry.matched})</span> : null}
                          {entry.parts && entry.parts.length > 1 ? <span className="text-slate-500"> ({entry.parts.map((part) => `${part.matched} ${part.points > 0 ? "+" : ""}${part.points}`).join(", ")})</span> : null}
                          {entry.capped ? <span className="text-slate-500"> (capped: −{entry.capped})</span> : null}
                        </td>
                        <td className="py-2 text-right font-medium text-slate-900">{entry.points}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr className="border-t border-slate-300">
                      <td className="py-2 pr-3 font-semibold text-slate-900" colSpan={2}>
                        Total: {explained.rawPoints} points of {explained.model.pointsFor100} for 100
                      </td>
                      <td className="py-2 text-right font-semibold text-slate-900" data-testid="breakdown-total">
                        {explained.rawPoints}
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </ScrollArea>
              <p className="mt-3 text-sm text-slate-600" data-testid="scored-with">
                Scored with <span className="font-medium">{version.label}</span>: score = round(100 × {explained.rawPoints} ÷ {explained.model.pointsFor100}), kept
                between 0 and 100 = {lead.score}.{" "}
                <Link href="/scoring" className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                  See or change the rules
                </Link>
              </p>
          </>
        </section>

        <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3 border-b border-slate-100 pb-4" data-testid="lead-outcome">
            <h2 className="font-semibold text-slate-900">
              Outcome <OutcomeBadge outcome={lead.outcome} />
              {lead.outcomeAt ? <span className="ml-2 text-xs font-normal text-slate-500">since {lead.outcomeAt.toISOString().slice(0, 10)}</span> : null}
            </h2>
            {can(principal, "outcomes:write") ? <OutcomeButtons leadId={lead.id} outcome={lead.outcome} /> : null}
          </div>
          <h2 className="mb-3 font-semibold text-slate-900">Details</h2>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-3">
            {LEAD_FIELDS.filter((field) => field.name !== "outcome").map((field) => (
              <div key={field.name} className="contents">
                <dt className="text-slate-600">{field.label}</dt>
                <dd className="break-words text-slate-900 sm:col-span-2">{shown(lead[field.name])}</dd>
              </div>
            ))}
            {extra.map(([header, value]) => (
              <div key={header} className="contents">
                <dt className="text-slate-600">{header}</dt>
                <dd className="break-words text-slate-900 sm:col-span-2">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <ActivityTimeline leadId={lead.id} {...timeline} type={timelineQuery.success ? timelineQuery.data.type : undefined} />
    </>
  );
}
