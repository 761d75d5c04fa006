import { notFound, withTenant } from "@/lib/http";
import { getImport, rejectedRows } from "@/lib/imports/imports";
import { csvLine, csvLines, CSV_BOM } from "@/lib/csv/write";

/** The rows an import could not use: their original cells, then `row` and `reason`. */
export const GET = withTenant<{ id: string }>(async (_request, { companyId }, { id }) => {
  const found = await getImport(companyId, id);
  if (!found) return notFound("This import");
  const headers = found.headers as string[];
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvLine([...headers, "row", "reason"])));
      for await (const page of rejectedRows(companyId, id)) {
        const text = csvLines(page.map((r) => [...headers.map((_, i) => r.cells[i] ?? ""), ...r.cells.slice(headers.length), String(r.row), r.reason]));
        controller.enqueue(encoder.encode(text));
      }
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
});
