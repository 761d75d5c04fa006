import type { Metadata } from "next";
import Link from "next/link";
import { ScoreBadge } from "@/components/leads/score-badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTenant } from "@/lib/auth/session";
import { leadDisplayName, listLeads, listLeadsQuery } from "@/lib/leads/list-leads";

export const metadata: Metadata = { title: "Leads · LeadRank" };

export default async function LeadsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { companyId } = await requireTenant();
  const query = listLeadsQuery.catch({ page: 1, pageSize: 50 }).parse(await searchParams);
  const { total, leads, page, pageSize } = await listLeads(companyId, query);
  return (
    <>
      <PageHeader title="Leads" description="Every lead, ranked by score." />
      {total === 0 ? (
        <EmptyState title="No leads yet" action={<ButtonLink href="/imports">Upload a CSV of leads</ButtonLink>}>
          Once you import leads they appear here, best first.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Rank</th>
                <th scope="col" className="px-4 py-3 font-medium">Lead</th>
                <th scope="col" className="px-4 py-3 font-medium">Company</th>
                <th scope="col" className="px-4 py-3 text-right font-medium">Score</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {leads.map((lead, index) => (
                <tr key={lead.id}>
                  <td className="px-4 py-3 text-slate-500">{(page - 1) * pageSize + index + 1}</td>
                  <td className="px-4 py-3">
                    <Link href={`/leads/${lead.id}`} className="font-medium text-indigo-700 hover:underline">
                      {leadDisplayName(lead)}
                    </Link>
                    <div className="text-slate-500">{lead.jobTitle}</div>
                  </td>
                  <td className="px-4 py-3 text-slate-700">{lead.companyName}</td>
                  <td className="px-4 py-3 text-right">
                    <ScoreBadge score={lead.score} grade={lead.grade} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
