import { csvDownload, fileSlug } from "@/lib/csv-download";
import { CSV_BOM, csvLines } from "@/lib/csv/write";
import { notFound } from "@/lib/errors";
import { idParam, withTenant } from "@/lib/http";
import { getImport, unknownEmailRows } from "@/lib/imports/imports";

/** The emails of an activity import that are not among the company's leads yet, with their activity counts, as CSV. */
export const GET = withTenant(async ({ principal: { companyId }, params: { id } }) => {
  const found = await getImport(companyId, id);
  if (!found || found.kind !== "activities") throw notFound("This activity import");
  async function* pieces() {
    yield CSV_BOM;
    yield csvLines([["email", "activities"]]);
    for await (const rows of unknownEmailRows(companyId, id)) yield csvLines(rows.map(({ email, activities }) => [email, String(activities)]));
  }
  return csvDownload(pieces(), `${fileSlug(found.fileName.replace(/\.(csv|xlsx)$/i, ""), "import")}-not-among-leads.csv`);
}, { permission: "leads:read", params: idParam("This import") });
