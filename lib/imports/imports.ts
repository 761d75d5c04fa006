import { prisma } from "@/lib/db/client";
import { isId } from "@/lib/ids";

const summary = {
  id: true,
  kind: true,
  fileName: true,
  fileSize: true,
  status: true,
  encoding: true,
  delimiter: true,
  sheet: true,
  headers: true,
  mapping: true,
  processedRows: true,
  processedBytes: true,
  totalRows: true,
  createdCount: true,
  updatedCount: true,
  rejectedCount: true,
  duplicateCount: true,
  unknownOutcomes: true,
  activitySummary: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  user: { select: { name: true, email: true } },
} as const;

/** One import of the company, or null when the id is malformed or belongs to someone else. */
export async function getImport(companyId: string, id: string) {
  if (!isId(id)) return null;
  return prisma.import.findFirst({ where: { id, companyId, status: { not: "uploading" } }, select: summary });
}

export type ImportSummary = NonNullable<Awaited<ReturnType<typeof getImport>>>;

export function listImports(companyId: string, take = 50) {
  return prisma.import.findMany({
    where: { companyId, status: { not: "uploading" } },
    orderBy: { createdAt: "desc" },
    take,
    select: summary,
  });
}

/** The company's newest import still waiting or running, if any (what an empty dashboard points to). */
export function unfinishedImport(companyId: string) {
  return prisma.import.findFirst({ where: { companyId, status: { in: ["queued", "running"] } }, orderBy: { createdAt: "desc" }, select: { id: true, fileName: true } });
}

/** The rejected rows of an import, in file order, a page at a time. */
export async function* rejectedRows(companyId: string, importId: string) {
  let after = 0;
  for (;;) {
    const page = await prisma.importRejection.findMany({
      where: { importId, row: { gt: after }, import: { companyId } },
      orderBy: { row: "asc" },
      take: 5000,
      select: { row: true, reason: true, cells: true },
    });
    if (page.length === 0) return;
    yield page.map((r) => ({ row: r.row, reason: r.reason, cells: r.cells as string[] }));
    after = page[page.length - 1].row;
  }
}

/**
 * The rejected rows as the CSV a user downloads, a page of rows at a time, header first: the
 * file's columns, then `row` and `reason`, so that the file can be fixed and imported again.
 * Cells past the header's width (a stray delimiter) go together into one last column,
 * "extra cells", joined by the file's delimiter, so `row` and `reason` stay under their names.
 */
export async function* rejectedCsvRows(companyId: string, importId: string, headers: string[], delimiter: string) {
  const width = headers.length;
  const [{ overflow }] = await prisma.$queryRaw<{ overflow: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "ImportRejection" r JOIN "Import" i ON i."id" = r."importId"
      WHERE r."importId" = ${importId}::uuid AND i."companyId" = ${companyId}::uuid AND jsonb_array_length(r."cells") > ${width}) AS "overflow"`;
  yield [[...headers, "row", "reason", ...(overflow ? ["extra cells"] : [])]];
  for await (const page of rejectedRows(companyId, importId)) {
    yield page.map(({ row, reason, cells }) => [
      ...headers.map((_, i) => cells[i] ?? ""),
      String(row),
      reason,
      ...(overflow ? [cells.slice(width).join(delimiter)] : []),
    ]);
  }
}

/**
 * The headers of the columns the company's recent imports kept as extra data (mapped to no
 * field): what a scoring rule can read as `extra:<header>`. Read from the imports, not the leads.
 */
export async function extraColumnHeaders(companyId: string): Promise<string[]> {
  const imports = await prisma.import.findMany({
    where: { companyId, status: "succeeded" },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { headers: true, mapping: true },
  });
  const headers = new Map<string, string>();
  for (const { headers: names, mapping } of imports) {
    (names as string[]).forEach((name, i) => {
      if ((mapping as (string | null)[])[i] === null && name.trim() && !headers.has(name.trim().toLowerCase())) headers.set(name.trim().toLowerCase(), name.trim());
    });
  }
  return [...headers.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * The emails of an activity import's activities that are not among the company's leads now (they
 * count once those leads arrive), with how many activities each has from this import, a page at a time.
 */
export async function* unknownEmailRows(companyId: string, importId: string) {
  let after = "";
  for (;;) {
    const page = await prisma.$queryRaw<{ email: string; activities: number }[]>`
      SELECT a."email", count(*)::int AS "activities" FROM "Activity" a
      WHERE a."companyId" = ${companyId}::uuid AND a."importId" = ${importId}::uuid AND a."email" > ${after}
        AND NOT EXISTS (SELECT 1 FROM "Lead" l WHERE l."companyId" = a."companyId" AND l."email" = a."email")
      GROUP BY a."email" ORDER BY a."email" LIMIT 5000`;
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].email;
  }
}
