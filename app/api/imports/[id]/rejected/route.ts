import { csvDownload, fileSlug } from "@/lib/csv-download";
import { CSV_BOM, csvLines } from "@/lib/csv/write";
import { notFound } from "@/lib/errors";
import { idParam, withTenant } from "@/lib/http";
import { getImport, rejectedCsvRows } from "@/lib/imports/imports";

/** The rows an import could not use, as CSV (lib/imports/imports.ts: rejectedCsvRows), streamed as the client reads. */
export const GET = withTenant(async ({ principal: { companyId }, params: { id } }) => {
  const found = await getImport(companyId, id);
  if (!found) throw notFound("This import");
  async function* pieces() {
    yield CSV_BOM;
    for await (const rows of rejectedCsvRows(companyId, id, found!.headers as string[], found!.delimiter ?? ",")) yield csvLines(rows);
  }
  return csvDownload(pieces(), `${fileSlug(found.fileName.replace(/\.csv$/i, ""), "import")}-rejected.csv`);
}, { permission: "leads:read", params: idParam("This import") });
