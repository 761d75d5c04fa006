import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { TopFiveChart, TrendChart } from "@/components/dashboard/charts";
import { ScoreBadge } from "@/components/leads/score-badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SampleDataButton } from "@/components/dashboard/sample-data-button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { unfinishedImport } from "@/lib/imports/imports";
import { dashboardQuery, getDashboard, TREND_DAYS } from "@/lib/leads/dashboard";
import { leadDisplayName } from "@/lib/leads/list-leads";
import { GRADES } from "@/lib/scoring";

export const metadata: Metadata = { title: "Dashboard · LeadRank" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const principal = await requirePrincipal();
  const { companyId } = principal;
  const { days } = dashboardQuery.catch({ days: 30 }).parse(await searchParams);
  const { kpis, top, trend } = await getDashboard(companyId, days);

  const importing = kpis.total === 0 ? await unfinishedImport(companyId) : null;
  if (importing) {
    return (
      <>
        <PageHeader title="Dashboard" description="Your best leads and how your pipeline is trending." />
        <EmptyState title="Your leads are being imported" action={<ButtonLink href={`/imports/${importing.id}`}>See its progress</ButtonLink>}>
          {importing.fileName} is being imported and scored. Your top 10 and trends appear here as soon as it is done.
        </EmptyState>
      </>
    );
  }
  if (kpis.total === 0) {
    return (
      <>
        <PageHeader title="Dashboard" description="Your best leads and how your pipeline is trending." />
        <EmptyState
          title="No leads yet"
          action={
            can(principal, "imports:write") ? (
              <>
                <ButtonLink href="/imports">Upload a CSV of leads</ButtonLink>
                <SampleDataButton />
              </>
            ) : undefined
          }
        >
          Upload a CSV exported from your CRM or a spreadsheet, or try LeadRank with 10,000 generated sample leads. LeadRank scores every
          lead from 0 to 100 and shows your top 10 and trends here.
        </EmptyState>
      </>
    );
  }

  const tiles: [string, ReactNode][] = [
    ["Total leads", kpis.total.toLocaleString("en-US")],
    ["Average score", kpis.averageScore.toFixed(1)],
    [`New in ${days} days`, kpis.newInPeriod.toLocaleString("en-US")],
    [
      "Leads per grade",
      <span key="grades" className="grid grid-cols-4 gap-1 text-base sm:text-lg" data-testid="grade-counts">
        {GRADES.map((grade) => (
          <span key={grade} className="min-w-0">
            <span className="block text-xs font-medium text-slate-500">{grade}</span>
            <span className="block tabular-nums">{kpis.grades[grade].toLocaleString("en-US")}</span>
          </span>
        ))}
      </span>,
    ],
  ];
  return (
    <>
      <PageHeader title="Dashboard" description="Your best leads and how your pipeline is trending." />
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" data-testid="kpis">
        {tiles.map(([label, value], index) => (
          // Below the wide layout the last two tiles take a row each: the grade counts need the
          // width for four numbers side by side, and no tile is left alone beside a gap.
          <div key={label} className={`rounded-lg bg-white p-4 ring-1 ring-slate-200 ${index >= 2 ? "col-span-2 lg:col-span-1" : ""}`}>
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 break-words text-2xl font-bold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>

      <div className="mt-6 grid gap-6 lg:grid-cols-5">
        <Panel title="Top 10 leads" className="lg:col-span-3">
          <ol className="divide-y divide-slate-100" data-testid="top-leads">
            {top.map((lead, index) => (
              <li key={lead.id} className="flex items-center gap-3 py-2">
                <span className="w-6 text-right text-sm text-slate-500">{index + 1}</span>
                <div className="min-w-0 flex-1">
                  <Link href={`/leads/${lead.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
                    {leadDisplayName(lead)}
                  </Link>
                  <p className="truncate text-sm text-slate-600">{[lead.jobTitle, lead.companyName].filter(Boolean).join(" · ")}</p>
                </div>
                <ScoreBadge score={lead.score} grade={lead.grade} />
              </li>
            ))}
          </ol>
        </Panel>
        <Panel title="Top 5 by score" className="lg:col-span-2">
          <TopFiveChart leads={top.slice(0, 5).map((lead) => ({ name: leadDisplayName(lead), score: lead.score, grade: lead.grade }))} />
        </Panel>
      </div>

      <Panel
        title={trend.some((day) => day.activities > 0) ? "Leads submitted and activities" : "Leads submitted"}
        className="mt-6"
        actions={
          <nav aria-label="Trend period" className="flex rounded-md ring-1 ring-slate-300">
            {TREND_DAYS.map((option) => (
              <Link
                key={option}
                href={`/dashboard?days=${option}`}
                aria-current={option === days ? "page" : undefined}
                className={`px-3 py-1 text-sm font-medium first:rounded-l-md last:rounded-r-md ${option === days ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-50"}`}
              >
                {option} days
              </Link>
            ))}
          </nav>
        }
      >
        <TrendChart trend={trend} />
      </Panel>
    </>
  );
}

function Panel({ title, actions, className = "", children }: { title: string; actions?: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section className={`min-w-0 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:p-5 ${className}`}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold text-slate-900">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
