import { fileSlug } from "@/lib/csv-download";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { cursorPages, openConnection } from "@/lib/db/bulk";
import { LEAD_FIELDS } from "@/lib/csv/fields";
import { CSV_BOM, csvLine, csvLines } from "@/lib/csv/write";
import { activeVersion, type ModelVersion } from "@/lib/versions/active-version";
import { leadsWhereSql, ORDER_SQL, type ListLeadsQuery } from "./list-leads";

// Small pages: their rows die young, which the garbage collector handles cheaply (measured on
// a million leads with a 192 MB heap: 500 rows a page 13–14 s, 2,000 rows 15–19 s).
const PAGE = 500;

/** The export counts each lead's activities of the company's most frequent types, this many. */
const EXPORTED_TYPES = 10;

/** A lead field as the file shows it, converted by the database (the rows arrive as text only). */
function cellSql(field: (typeof LEAD_FIELDS)[number]): string {
  const column = `"${field.name}"`;
  if (field.type === "boolean") return `CASE WHEN ${column} THEN 'yes' WHEN NOT ${column} THEN 'no' END`;
  if (field.type === "date") return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `${column}::text`;
}

/**
 * The company's leads that match the filters, in the chosen order, as CSV text pieces:
 * rank, score, grade, the version that scored it, every lead field, the extra columns, and the
 * points of each rule of that version. One query, read through a database cursor a page at a time,
 * so memory stays flat however many leads there are; cells that look like formulas are
 * neutralised (lib/csv/write.ts).
 */
export async function* exportLeadsCsv(
  companyId: string,
  { sort, ...filters }: Pick<ListLeadsQuery, "q" | "minScore" | "grade" | "sort"> & { outcome?: ListLeadsQuery["outcome"]; active?: ListLeadsQuery["active"] },
) {
  const client = await openConnection();
  // Named apart: on the embedded database every connection shares one session, and a held
  // cursor outlives its connection until it is closed.
  const cursor = `export_${randomUUID().replaceAll("-", "")}`;
  try {
    // The extra columns and the cursor read one snapshot, so every extra column of the
    // exported leads has its header. WITH HOLD keeps the result after the commit: no
    // transaction stays open while the file downloads (the embedded database answers one
    // transaction at a time).
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    let extraKeys: string[];
    let activityHeaders: string[];
    let version: ModelVersion;
    let where: ReturnType<typeof leadsWhereSql>;
    try {
      // The version that scored the leads of this snapshot (its rules name the points columns).
      version = await activeVersion(companyId, client);
      where = leadsWhereSql(companyId, filters, version.definition.grades);
      const { rows: keys } = await client.query<{ key: string }>(
        `SELECT DISTINCT jsonb_object_keys("extra") AS "key" FROM "Lead" WHERE ${where.text} ORDER BY 1`,
        where.values,
      );
      extraKeys = keys.map((row) => row.key);
      // With activities: the lead's last one, and its count of each of the company's most frequent types.
      const { rows: types } = await client.query<{ typeId: number; name: string }>(
        `SELECT s."typeId", t."name" FROM "ActivityStats" s JOIN "ActivityType" t ON t."id" = s."typeId"
         WHERE s."companyId" = $1 GROUP BY s."typeId", t."name" HAVING sum(s."activities") > 0 ORDER BY sum(s."activities") DESC, t."name" LIMIT ${EXPORTED_TYPES}`,
        [companyId],
      );
      activityHeaders = types.length ? ["Last activity", ...types.map((type) => `Activities (${type.name})`)] : [];
      // Every cell is made text by the database, in the file's order, so a page of rows goes
      // to the CSV writer as it comes (measured on a million leads: converting them here took
      // longer than everything else together). Named apart from the columns, so that ORDER BY
      // sorts by the columns, not by their text.
      const values = [...where.values];
      const cells = [
        `(row_number() OVER (ORDER BY ${ORDER_SQL[sort]}))::text`,
        `"score"::text`,
        `"grade"`,
        `$${values.push(version.label)}::text`,
        ...LEAD_FIELDS.map(cellSql),
        ...extraKeys.map((key) => `"extra"->>$${values.push(key)}`),
        ...(types.length
          ? [`to_char(act."last" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`, ...types.map((_, i) => `act."t${i}"::text`)]
          : []),
        ...version.definition.criteria.map((criterion) => `coalesce("breakdown"->>$${values.push(criterion.id)}, '0')`),
      ];
      // One pass over each lead's activities (the index on company, email, date), only for a company that has any.
      const activity = types.length
        ? ` LEFT JOIN LATERAL (SELECT max(a."occurredAt") AS "last", ${types.map((type, i) => `count(*) FILTER (WHERE a."typeId" = ${Number(type.typeId)}) AS "t${i}"`).join(", ")}
             FROM "Activity" a WHERE a."companyId" = "Lead"."companyId" AND a."email" = "Lead"."email") act ON true`
        : "";
      await client.query(
        `DECLARE ${cursor} NO SCROLL CURSOR WITH HOLD FOR SELECT ${cells.map((cell, i) => `${cell} AS "c${i}"`).join(", ")} FROM "Lead"${activity} WHERE ${where.text} ORDER BY ${ORDER_SQL[sort]}`,
        values,
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
    yield CSV_BOM + csvLine(["Rank", "Score", "Grade", "Scored with", ...LEAD_FIELDS.map((f) => f.label), ...extraKeys, ...activityHeaders, ...version.definition.criteria.map((c) => `Points: ${c.label}`)]);
    for await (const rows of cursorPages<string[]>(client, cursor, PAGE, { arrays: true })) yield csvLines(rows);
  } finally {
    // Also when the download is cancelled midway.
    await client.query(`CLOSE ${cursor}`).catch(() => {});
    await client.end().catch(() => {});
  }
}

/** The download's file name: the company's name and today's date. */
export async function exportFileName(companyId: string): Promise<string> {
  const company = await prisma.company.findUniqueOrThrow({ where: { id: companyId }, select: { name: true } });
  return `leads-${fileSlug(company.name, "company")}-${new Date().toISOString().slice(0, 10)}.csv`;
}
