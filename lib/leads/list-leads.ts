import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { activeVersion } from "@/lib/versions/active-version";
import { withoutControlCharacters } from "@/lib/text";
import { accentInsensitivePattern } from "./search-pattern";
import { GRADES } from "@/lib/scoring";

export const SORTS = { score: "Best score", newest: "Newest", name: "Name" } as const;

/** The activity filter's choices: active within so many days, or never. */
export const ACTIVE_WITHIN = ["7", "30", "90", "none"] as const;
export const ACTIVE_LABELS: Record<(typeof ACTIVE_WITHIN)[number], string> = { "7": "In the last 7 days", "30": "In the last 30 days", "90": "In the last 90 days", none: "No activity" };

export const listLeadsQuery = z.object({
  q: z.string().transform(withoutControlCharacters).pipe(z.string().trim().max(200, "The search is at most 200 characters.")).default(""),
  minScore: z.coerce
    .number({ error: "minScore must be a whole number from 0 to 100." })
    .int("minScore must be a whole number from 0 to 100.")
    .min(0, "minScore must be a whole number from 0 to 100.")
    .max(100, "minScore must be a whole number from 0 to 100.")
    .default(0),
  grade: z.enum(["", ...GRADES], { error: "grade is A, B, C or D." }).default(""),
  /** "closed" is won or lost. */
  outcome: z.enum(["", "open", "won", "lost", "closed"], { error: "outcome is open, won, lost or closed." }).default(""),
  /** Leads with an activity in the last 7, 30 or 90 days, or with none at all. */
  active: z.enum(["", ...ACTIVE_WITHIN], { error: "active is 7, 30, 90 or none." }).default(""),
  sort: z.enum(Object.keys(SORTS) as [keyof typeof SORTS, ...(keyof typeof SORTS)[]], { error: "sort is score, newest or name." }).default("score"),
  page: z.coerce.number({ error: "page must be a whole number." }).int("page must be a whole number.").min(1, "page starts at 1.").default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a whole number." })
    .int("pageSize must be a whole number.")
    .min(1, "pageSize is at least 1.")
    .max(200, "pageSize is at most 200.")
    .default(50),
});

export type ListLeadsQuery = z.infer<typeof listLeadsQuery>;

const SEARCHED = ["fullName", "firstName", "lastName", "email", "jobTitle", "companyName", "location", "industry"] as const;

/**
 * The searched fields as one text, a line apiece: one ILIKE instead of eight is about a third
 * faster, and a search (which never holds a line break) cannot match across two fields.
 * The database keeps statistics on this very expression (migration 20261125090000_query_speed).
 */
export const SEARCH_TEXT = `(${SEARCHED.map((field) => (field === "email" ? `"email"` : `coalesce("${field}", '')`)).join(" || E'\\n' || ")})`;

/**
 * The company's leads that match the filters, as SQL (the condition and its parameters):
 * search (any part of name, email, title, company, location, industry; any case, with or
 * without accents; `%` and `_` taken literally), minimum score, grade, outcome. The one definition the list, the top 10 and
 * the export share. A grade is also its band of scores under the active version's thresholds
 * (`grades`): the score index finds it (there is no index on the grade).
 */
export function leadsWhereSql(companyId: string, { q, minScore, grade, outcome = "", active = "" }: Filters, grades?: Grades) {
  const values: unknown[] = [companyId];
  const conditions = [`"companyId" = $1::uuid`];
  if (outcome === "closed") conditions.push(`"outcome" <> 'open'`);
  else if (outcome) conditions.push(`"outcome" = $${values.push(outcome)}`);
  if (minScore > 0) conditions.push(`"score" >= $${values.push(minScore)}`);
  if (grade) {
    conditions.push(`"grade" = $${values.push(grade)}`);
    if (grades) {
      const [low, high] = scoreBand(grade, grades);
      conditions.push(`"score" BETWEEN $${values.push(low)} AND $${values.push(high)}`);
    }
  }
  if (q) {
    conditions.push(`${SEARCH_TEXT} ~ $${values.push(accentInsensitivePattern(q))}`);
  }
  // A lead's activities are those of its email (lib/activities); the index on (company, email, date) finds them.
  if (active === "none") conditions.push(`NOT EXISTS (SELECT 1 FROM "Activity" a WHERE a."companyId" = $1::uuid AND a."email" = "Lead"."email")`);
  else if (active) {
    conditions.push(
      `EXISTS (SELECT 1 FROM "Activity" a WHERE a."companyId" = $1::uuid AND a."email" = "Lead"."email" AND a."occurredAt" >= now() - make_interval(days => $${values.push(Number(active))}))`,
    );
  }
  return { text: conditions.join(" AND "), values };
}

type Grades = { A: number; B: number; C: number };
type Filters = Pick<ListLeadsQuery, "q" | "minScore" | "grade"> & { outcome?: ListLeadsQuery["outcome"]; active?: ListLeadsQuery["active"] };

/** The scores a grade stands for under these thresholds. */
function scoreBand(grade: "A" | "B" | "C" | "D", grades: Grades): [number, number] {
  return { A: [grades.A, 100], B: [grades.B, grades.A - 1], C: [grades.C, grades.B - 1], D: [0, grades.C - 1] }[grade] as [number, number];
}

/** What lists show as a lead's name (leadDisplayName), in SQL. */
const DISPLAY_NAME = `coalesce(nullif("fullName", ''), nullif(concat_ws(' ', nullif("firstName", ''), nullif("lastName", '')), ''), "email")`;

/** The orders of SORTS; "score" is the ranking everywhere: best score first, then the newest, then by email. */
export const ORDER_SQL: Record<keyof typeof SORTS, string> = {
  score: `"score" DESC, "submittedAt" DESC, "email" ASC`,
  newest: `"submittedAt" DESC, "score" DESC, "email" ASC`,
  name: `${DISPLAY_NAME} COLLATE "leadrank_name" ASC, "email" ASC`,
};

/** What lists of leads show (table, top 10). */
export type LeadSummary = {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  jobTitle: string | null;
  companyName: string | null;
  score: number;
  grade: string;
  outcome: string;
  submittedAt: Date;
  /** When the lead last did something (its email's newest activity), if ever. */
  lastActivityAt: Date | null;
};

/** A lead's newest activity, in SQL (one step down the activity index). */
export const LAST_ACTIVITY_SQL = `(SELECT max(a."occurredAt") FROM "Activity" a WHERE a."companyId" = "Lead"."companyId" AND a."email" = "Lead"."email")`;

const SUMMARY_COLUMNS = ["id", "email", "firstName", "lastName", "fullName", "jobTitle", "companyName", "score", "grade", "outcome", "submittedAt"]
  .map((column) => `"${column}"`)
  .concat(`${LAST_ACTIVITY_SQL} AS "lastActivityAt"`)
  .join(", ");


/** Leads of the company that match the filters, in the chosen order: `limit` of them after the first `offset`. */
export function rankedLeads(companyId: string, filters: Filters, sort: keyof typeof SORTS, limit: number, offset = 0, grades?: Grades): Promise<LeadSummary[]> {
  const where = leadsWhereSql(companyId, filters, grades);
  const at = where.values.length;
  return prisma.$queryRawUnsafe<LeadSummary[]>(
    `SELECT ${SUMMARY_COLUMNS} FROM "Lead" WHERE ${where.text} ORDER BY ${ORDER_SQL[sort]} LIMIT $${at + 1} OFFSET $${at + 2}`,
    ...where.values,
    limit,
    offset,
  );
}

/** Matches are counted exactly up to this many; beyond it, the total reads "more than 10,000". */
export const COUNT_LIMIT = 10_000;

/**
 * How many of the company's leads match. Without a search or minimum score the database's
 * per-grade counts answer at once; otherwise the count stops after COUNT_LIMIT matches, so a
 * broad search of a million leads does not have to visit them all.
 */
async function countLeads(companyId: string, filters: Filters, grades?: Grades): Promise<{ total: number; totalIsExact: boolean }> {
  if (!filters.q && filters.minScore === 0 && !filters.outcome && !filters.active) {
    const [{ total }] = await prisma.$queryRaw<{ total: number }[]>`
      SELECT COALESCE(sum("leads"), 0)::int AS "total" FROM "LeadStats"
      WHERE "companyId" = ${companyId}::uuid AND (${filters.grade} = '' OR "grade" = ${filters.grade})`;
    return { total, totalIsExact: true };
  }
  const where = leadsWhereSql(companyId, filters, grades);
  const [{ total }] = await prisma.$queryRawUnsafe<{ total: number }[]>(
    `SELECT count(*)::int AS "total" FROM (SELECT 1 FROM "Lead" WHERE ${where.text} LIMIT ${COUNT_LIMIT + 1}) AS "matches"`,
    ...where.values,
  );
  return total > COUNT_LIMIT ? { total: COUNT_LIMIT, totalIsExact: false } : { total, totalIsExact: true };
}

/** A page of the company's leads that match the filters, in the chosen order, with how many match. */
export async function listLeads(companyId: string, { page, pageSize, sort, ...filters }: ListLeadsQuery) {
  const offset = (page - 1) * pageSize;
  const grades = filters.grade ? (await activeVersion(companyId)).definition.grades : undefined;
  const leads = await rankedLeads(companyId, filters, sort, pageSize, offset, grades);
  // A page that is not full is the last one: the total is known without counting again
  // (for a search that matches a few leads out of a million, that halves the time).
  const counted = leads.length < pageSize && (leads.length > 0 || page === 1) ? { total: offset + leads.length, totalIsExact: true } : await countLeads(companyId, filters, grades);
  return { ...counted, page, pageSize, leads };
}

export { leadDisplayName } from "./lead-name";
