import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTenant } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Imports · LeadRank" };

export default async function ImportsPage() {
  await requireTenant();
  return (
    <>
      <PageHeader title="Imports" description="Upload CSV files of leads and review past imports." />
      <EmptyState title="CSV upload is on its way">
        Uploading files is not available in this version of LeadRank yet. Once it is, your imports and their results will
        be listed here.
      </EmptyState>
    </>
  );
}
