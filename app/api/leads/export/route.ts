import { jsonError, withTenant } from "@/lib/http";
import { exportFileName, exportLeadsCsv } from "@/lib/leads/export-leads";
import { listLeadsQuery } from "@/lib/leads/list-leads";

/** The leads of the current filters, in their order, as a CSV download (streamed). */
export const GET = withTenant(async (request, { companyId }) => {
  const query = listLeadsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, "bad_request", query.error.issues[0].message);
  const fileName = await exportFileName(companyId);
  const pieces = exportLeadsCsv(companyId, query.data);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    },
  });
}, { permission: "leads:export" });
