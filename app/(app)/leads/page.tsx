import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OutcomeBadge, ScoreBadge } from "@/components/leads/score-badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { ACTIVE_LABELS, ACTIVE_WITHIN, leadDisplayName, listLeads, listLeadsQuery, SORTS, type ListLeadsQuery } from "@/lib/leads/list-leads";
import { ago, day } from "@/components/dates";
import { markOutcome } from "@/lib/outcomes/actions";
import { GRADES } from "@/lib/scoring";

export const metadata: Metadata = { title: "Leads · LeadRank" };

const DEFAULTS = listLeadsQuery.parse({});

/** The URL of this page (or of the export) with some parameters changed; defaults are left out so links stay short. */
function href(query: ListLeadsQuery, change: Partial<ListLeadsQuery>, path = "/leads") {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...change })) {
    if (value !== DEFAULTS[key as keyof ListLeadsQuery]) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const inputClass = "block w-full rounded-md border-0 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

export default async function LeadsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const principal = await requirePrincipal();
  const { companyId } = principal;
  const canMark = can(principal, "outcomes:write");
  const parsed = listLeadsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : DEFAULTS;
  const { total, totalIsExact, leads, page, pageSize } = await listLeads(companyId, query);
  const filtered = query.q !== "" || query.minScore > 0 || query.grade !== "" || query.outcome !== "" || query.active !== "";
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // A page past the end (an old bookmark, a hand-edited address) shows the last one.
  if (leads.length === 0 && page > pages && total > 0) redirect(href(query, { page: pages }));

  if (total === 0 && !filtered) {
    return (
      <>
        <PageHeader title="Leads" description="Every lead, ranked by score." />
        <EmptyState title="No leads yet" action={<ButtonLink href="/imports">Upload a CSV of leads</ButtonLink>}>
          Once you import leads they appear here, best first.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Leads" description="Every lead, ranked by score. Search and filters stay in the address, so a view can be bookmarked." />
      <form method="get" action="/leads" className="mb-4 grid grid-cols-2 gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-4 lg:grid-cols-8" role="search">
        <label className="col-span-2 text-sm font-medium text-slate-700 sm:col-span-4 lg:col-span-3">
          Search
          <input name="q" defaultValue={query.q} placeholder="Name, email, title, company, location, industry" className={`mt-1 px-3 ${inputClass}`} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Minimum score
          <input name="minScore" type="number" min={0} max={100} defaultValue={query.minScore || ""} className={`mt-1 px-3 ${inputClass}`} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Grade
          <select name="grade" defaultValue={query.grade} className={`mt-1 pl-3 ${inputClass}`}>
            <option value="">Any</option>
            {GRADES.map((grade) => (
              <option key={grade}>{grade}</option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Outcome
          <select name="outcome" defaultValue={query.outcome} className={`mt-1 pl-3 ${inputClass}`}>
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="won">Won</option>
            <option value="lost">Lost</option>
            <option value="closed">Won or lost</option>
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Activity
          <select name="active" defaultValue={query.active} className={`mt-1 pl-3 ${inputClass}`}>
            <option value="">Any</option>
            {ACTIVE_WITHIN.map((value) => (
              <option key={value} value={value}>
                {ACTIVE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Sort by
          <select name="sort" defaultValue={query.sort} className={`mt-1 pl-3 ${inputClass}`}>
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <div className="col-span-2 flex items-center gap-3 sm:col-span-4 lg:col-span-8">
          <Button type="submit">Show leads</Button>
          {filtered ? (
            <Link href="/leads" className="text-sm font-medium text-indigo-700 hover:underline">
              Clear filters
            </Link>
          ) : null}
          {total > 0 ? (
            <a href={href(query, { page: DEFAULTS.page, pageSize: DEFAULTS.pageSize }, "/api/leads/export")} download className="text-sm font-semibold text-indigo-700 hover:underline">
              Download CSV
            </a>
          ) : null}
          <p className="ml-auto text-sm text-slate-600" data-testid="lead-total">
            {totalIsExact ? `${total.toLocaleString("en-US")} ${total === 1 ? "lead" : "leads"}` : `More than ${total.toLocaleString("en-US")} leads`}
          </p>
        </div>
      </form>
      {!parsed.success ? <p className="mb-3 text-sm text-red-700">{parsed.error.issues[0].message} Showing all leads instead.</p> : null}

      {total === 0 ? (
        <EmptyState title="No leads match" action={<ButtonLink href="/leads" variant="secondary">Clear filters</ButtonLink>}>
          Try a shorter search or a lower minimum score.
        </EmptyState>
      ) : (
        <form action={markOutcome} className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200" aria-label="Set the outcome of the ticked leads">
          {canMark ? (
            <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2 text-sm">
              <span className="text-slate-600">Ticked leads:</span>
              <button type="submit" name="outcome" value="won" className="rounded-md px-2 py-1 font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
                Mark won
              </button>
              <button type="submit" name="outcome" value="lost" className="rounded-md px-2 py-1 font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
                Mark lost
              </button>
              <button type="submit" name="outcome" value="open" className="rounded-md px-2 py-1 font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
                Reopen
              </button>
            </div>
          ) : null}
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="leads-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                {canMark ? (
                  <th scope="col" className="w-8 px-4 py-3 font-medium">
                    <span className="sr-only">Tick</span>
                  </th>
                ) : null}
                <th scope="col" className="px-4 py-3 font-medium">#</th>
                <th scope="col" className="px-4 py-3 font-medium">Lead</th>
                <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">Company</th>
                <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">Outcome</th>
                <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">Last activity</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Score</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {leads.map((lead, index) => (
                <tr key={lead.id}>
                  {canMark ? (
                    <td className="px-4 py-3">
                      <input type="checkbox" name="ids" value={lead.id} aria-label={`Tick ${leadDisplayName(lead)}`} />
                    </td>
                  ) : null}
                  <td className="px-4 py-3 text-slate-500">{(page - 1) * pageSize + index + 1}</td>
                  <td className="max-w-[14rem] px-4 py-3 sm:max-w-none">
                    <Link href={`/leads/${lead.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
                      {leadDisplayName(lead)}
                    </Link>
                    <div className="truncate text-slate-500">{lead.jobTitle}</div>
                  </td>
                  <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{lead.companyName}</td>
                  <td className="hidden px-4 py-3 sm:table-cell" data-testid="outcome">
                    <OutcomeBadge outcome={lead.outcome} />
                  </td>
                  <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 md:table-cell" data-testid="last-activity">
                    {lead.lastActivityAt ? <time dateTime={new Date(lead.lastActivityAt).toISOString()} title={day(lead.lastActivityAt)}>{ago(lead.lastActivityAt)}</time> : <span className="text-slate-400">—</span>}
                  </td>
                  <td className="px-4 py-3 text-right">
                    <ScoreBadge score={lead.score} grade={lead.grade} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </form>
      )}

      {pages > 1 || page > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={href(query, { page: page - 1 })} className="font-medium text-indigo-700 hover:underline">
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">
            Page {page.toLocaleString("en-US")}
            {totalIsExact ? ` of ${pages.toLocaleString("en-US")}` : ""}
          </span>
          {page < pages || (!totalIsExact && leads.length === pageSize) ? (
            <Link href={href(query, { page: page + 1 })} className="font-medium text-indigo-700 hover:underline">
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
