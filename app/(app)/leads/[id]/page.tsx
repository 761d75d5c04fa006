import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { requireTenant } from "@/lib/auth/session";
import { getLead } from "@/lib/leads/get-lead";
import { leadDisplayName } from "@/lib/leads/list-leads";

export const metadata: Metadata = { title: "Lead · LeadRank" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { companyId } = await requireTenant();
  const lead = await getLead(companyId, (await params).id);
  if (!lead) notFound();
  return (
    <>
      <PageHeader title={leadDisplayName(lead)} description={[lead.jobTitle, lead.companyName].filter(Boolean).join(" · ")} />
      <p className="text-sm text-slate-700">
        Score <span className="font-semibold" data-testid="lead-score">{lead.score}</span> · {lead.email}
      </p>
    </>
  );
}
