import { csvDownload } from "@/lib/csv-download";
import { jsonError, withTenant } from "@/lib/http";
import { exportFileName, exportLeadsCsv } from "@/lib/leads/export-leads";
import { listLeadsQuery } from "@/lib/leads/list-leads";

/** The leads of the current filters, in their order, as a CSV download (streamed). */
export const GET = withTenant(async (request, { companyId }) => {
  const query = listLeadsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", query.error.issues[0].message);
  return csvDownload(exportLeadsCsv(companyId, query.data), await exportFileName(companyId));
}, { permission: "leads:export" });
