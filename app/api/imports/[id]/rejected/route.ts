import { notFound, withTenant } from "@/lib/http";
import { getImport, rejectedCsvRows } from "@/lib/imports/imports";
import { csvLines, CSV_BOM } from "@/lib/csv/write";

/** The rows an import could not use, as CSV (lib/imports/imports.ts: rejectedCsvRows). */
export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const found = await getImport(companyId, id);
  if (!found) return notFound("This import");
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM));
      for await (const rows of rejectedCsvRows(companyId, id, found.headers as string[], found.delimiter ?? ",")) controller.enqueue(encoder.encode(csvLines(rows)));
      controller.close();
    },
  });
  const name = found.fileName.replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-rejected.csv"`,
    },
  });
}, { permission: "leads:read" });
