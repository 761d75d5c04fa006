import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTenant } from "@/lib/auth/session";
import { countLeads } from "@/lib/leads/list-leads";

export const metadata: Metadata = { title: "Dashboard · LeadRank" };

export default async function DashboardPage() {
  const { companyId } = await requireTenant();
  const total = await countLeads(companyId);
  return (
    <>
      <PageHeader title="Dashboard" description="Your best leads and how your pipeline is trending." />
      {total === 0 ? (
        <EmptyState
          title="No leads yet"
          action={<ButtonLink href="/imports">Upload a CSV of leads</ButtonLink>}
        >
          Upload a CSV exported from your CRM or a spreadsheet. LeadRank scores every lead from 0 to 100 and shows your
          top 10 and trends here.
        </EmptyState>
      ) : (
        <div className="rounded-lg bg-white p-6 ring-1 ring-slate-200">
          <p className="text-sm text-slate-600">Total leads</p>
          <p className="mt-1 text-3xl font-bold text-slate-900" data-testid="total-leads">
            {total.toLocaleString("en-US")}
          </p>
        </div>
      )}
    </>
  );
}
