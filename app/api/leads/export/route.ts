import { csvDownload } from "@/lib/csv-download";
import { withTenant } from "@/lib/http";
import { exportFileName, exportLeadsCsv } from "@/lib/leads/export-leads";
import { listLeadsQuery } from "@/lib/leads/list-leads";

/** The leads of the current filters, in their order, as a CSV download (streamed). */
export const GET = withTenant(
  async ({ principal: { companyId }, query }) => csvDownload(exportLeadsCsv(companyId, query), await exportFileName(companyId)),
  { permission: "leads:export", query: listLeadsQuery },
);
