import { prisma } from "@/lib/db/client";
import { LEAD_FIELDS } from "@/lib/csv/fields";
import { CSV_BOM, csvLine } from "@/lib/csv/write";
import { activeModel } from "@/lib/scoring";
import { leadsWhere, ORDER, type ListLeadsQuery } from "./list-leads";

const PAGE = 2000;

const cell = (value: unknown): string =>
  value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "boolean" ? (value ? "yes" : "no") : String(value);

/**
 * The company's leads that match the filters, in the chosen order, as CSV text pieces:
 * rank, score, grade, every lead field, the extra columns, and the points of each rule of
 * the company's scoring model. Read a page at a time, so memory stays flat however many
 * leads there are; cells that look like formulas are neutralised (lib/csv/write.ts).
 */
export async function* exportLeadsCsv(companyId: string, { sort, ...filters }: Pick<ListLeadsQuery, "q" | "minScore" | "grade" | "sort">) {
  const where = leadsWhere(companyId, filters);
  const company = await prisma.company.findUniqueOrThrow({ where: { id: companyId }, select: { scoringModelId: true } });
  const model = activeModel(company.scoringModelId);
  const extraRows = await prisma.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT jsonb_object_keys("extra") AS "key" FROM "Lead" WHERE "companyId" = ${companyId}::uuid ORDER BY 1`;
  const extraKeys = extraRows.map((row) => row.key);

  yield CSV_BOM + csvLine(["Rank", "Score", "Grade", ...LEAD_FIELDS.map((f) => f.label), ...extraKeys, ...model.criteria.map((c) => `Points: ${c.label}`)]);
  let rank = 0;
  let cursor: string | undefined;
  for (;;) {
    const leads = await prisma.lead.findMany({
      where,
      orderBy: ORDER[sort],
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (leads.length === 0) return;
    let text = "";
    for (const lead of leads) {
      const extra = lead.extra as Record<string, string>;
      const points = Array.isArray(lead.breakdown) ? (lead.breakdown as number[]) : [];
      text += csvLine([
        String(++rank),
        String(lead.score),
        lead.grade,
        ...LEAD_FIELDS.map((field) => cell(lead[field.name])),
        ...extraKeys.map((key) => extra[key] ?? ""),
        ...model.criteria.map((_, i) => cell(points[i])),
      ]);
    }
    yield text;
    cursor = leads[leads.length - 1].id;
  }
}
