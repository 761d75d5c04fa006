import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { openConnection } from "@/lib/db/bulk";
import { LEAD_FIELDS } from "@/lib/csv/fields";
import { CSV_BOM, csvLine } from "@/lib/csv/write";
import { activeModel } from "@/lib/scoring";
import { leadsWhereSql, ORDER_SQL, type ListLeadsQuery } from "./list-leads";

const PAGE = 2000;

const cell = (value: unknown): string =>
  value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "boolean" ? (value ? "yes" : "no") : String(value);

/**
 * The company's leads that match the filters, in the chosen order, as CSV text pieces:
 * rank, score, grade, every lead field, the extra columns, and the points of each rule of
 * the company's scoring model. One query, read through a database cursor a page at a time,
 * so memory stays flat however many leads there are; cells that look like formulas are
 * neutralised (lib/csv/write.ts).
 */
export async function* exportLeadsCsv(companyId: string, { sort, ...filters }: Pick<ListLeadsQuery, "q" | "minScore" | "grade" | "sort">) {
  const company = await prisma.company.findUniqueOrThrow({ where: { id: companyId }, select: { scoringModelId: true } });
  const model = activeModel(company.scoringModelId);
  const where = leadsWhereSql(companyId, filters);
  const columns = ["score", "grade", "extra", "breakdown", ...LEAD_FIELDS.map((field) => field.name)].map((c) => `"${c}"`).join(", ");
  const client = await openConnection();
  // Named apart: on the embedded database every connection shares one session, and a held
  // cursor outlives its connection until it is closed.
  const cursor = `export_${randomUUID().replaceAll("-", "")}`;
  try {
    // WITH HOLD: the result is kept after its statement, and no transaction stays open while
    // the file downloads (the embedded database answers one transaction at a time).
    await client.query(`DECLARE ${cursor} NO SCROLL CURSOR WITH HOLD FOR SELECT ${columns} FROM "Lead" WHERE ${where.text} ORDER BY ${ORDER_SQL[sort]}`, where.values);
    // Read after the cursor, so it names every extra column of the leads the cursor holds.
    const { rows: keys } = await client.query<{ key: string }>(
      `SELECT DISTINCT jsonb_object_keys("extra") AS "key" FROM "Lead" WHERE ${where.text} ORDER BY 1`,
      where.values,
    );
    const extraKeys = keys.map((row) => row.key);
    yield CSV_BOM + csvLine(["Rank", "Score", "Grade", ...LEAD_FIELDS.map((f) => f.label), ...extraKeys, ...model.criteria.map((c) => `Points: ${c.label}`)]);
    let rank = 0;
    for (;;) {
      const { rows } = await client.query<Record<string, unknown>>(`FETCH ${PAGE} FROM ${cursor}`);
      if (rows.length === 0) break;
      let text = "";
      for (const lead of rows) {
        const extra = lead.extra as Record<string, string>;
        const points = Array.isArray(lead.breakdown) ? (lead.breakdown as number[]) : [];
        text += csvLine([
          String(++rank),
          String(lead.score),
          String(lead.grade),
          ...LEAD_FIELDS.map((field) => cell(lead[field.name])),
          ...extraKeys.map((key) => extra[key] ?? ""),
          ...model.criteria.map((_, i) => cell(points[i])),
        ]);
      }
      yield text;
    }
  } finally {
    // Also when the download is cancelled midway.
    await client.query(`CLOSE ${cursor}`).catch(() => {});
    await client.end().catch(() => {});
  }
}
