import { z } from "zod";
import { prisma } from "@/lib/db/client";

const summary = {
  id: true,
  fileName: true,
  fileSize: true,
  status: true,
  encoding: true,
  delimiter: true,
  headers: true,
  mapping: true,
  processedRows: true,
  processedBytes: true,
  totalRows: true,
  createdCount: true,
  updatedCount: true,
  rejectedCount: true,
  duplicateCount: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  user: { select: { name: true, email: true } },
} as const;

/** One import of the company, or null when the id is malformed or belongs to someone else. */
export async function getImport(companyId: string, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
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
