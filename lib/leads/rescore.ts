import type pg from "pg";
import { columnsRead, compileModel, storedBreakdown, type ScorableLead, type ScoringModel, type StoredBreakdown } from "@/lib/scoring";

const BATCH = 10_000;

export type RescoreProgress = { processed: number; total: number; changed: number };

type Stored = { id: string; rawPoints: number; score: number; grade: string; breakdown: unknown };

/** Whether the lead's stored result differs from the new one. */
function differs(lead: Stored, result: { rawPoints: number; score: number; grade: string }, points: StoredBreakdown): boolean {
  if (lead.rawPoints !== result.rawPoints || lead.score !== result.score || lead.grade !== result.grade) return true;
  const stored = lead.breakdown as StoredBreakdown | null;
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return true;
  let count = 0;
  for (const id in points) {
    if (stored[id] !== points[id]) return true;
    count++;
  }
  return Object.keys(stored).length !== count;
}

/**
 * Scores the company's leads with `definition` inside the caller's company transaction on
 * `client`, and writes only the leads whose score, grade or breakdown changes: an edit that
 * moves a few leads writes a few rows. Leads are read through a cursor, only the columns the
 * model looks at, a batch at a time (memory stays flat); each batch's changes go in one
 * UPDATE. `onlyImport`: only the leads an undo of that import brought back.
 */
export async function rescoreLeads(
  client: pg.Client,
  companyId: string,
  definition: ScoringModel,
  { onlyImport, total = 0, onProgress }: { onlyImport?: string; total?: number; onProgress?: (progress: RescoreProgress) => void | Promise<void> } = {},
): Promise<RescoreProgress> {
  const model = compileModel(definition);
  const columns = ["id", "rawPoints", "score", "grade", "breakdown", ...columnsRead(definition)];
  await client.query(
    `DECLARE rescored NO SCROLL CURSOR FOR SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "Lead"
     WHERE "companyId" = $1 ${onlyImport ? `AND "id" IN (SELECT "leadId" FROM "ImportChange" WHERE "importId" = $2)` : ""}`,
    onlyImport ? [companyId, onlyImport] : [companyId],
  );
  const progress = { processed: 0, total, changed: 0 };
  for (;;) {
    const { rows } = await client.query<Stored & ScorableLead>(`FETCH ${BATCH} FROM rescored`);
    if (rows.length === 0) break;
    const changed: unknown[] = [];
    for (const lead of rows) {
      const result = model.score(lead);
      const points = storedBreakdown(result.breakdown);
      if (differs(lead, result, points)) changed.push([lead.id, result.rawPoints, result.score, result.grade, points]);
    }
    if (changed.length > 0) {
      await client.query(
        `UPDATE "Lead" l SET "rawPoints" = (r->>1)::int, "score" = (r->>2)::int, "grade" = r->>3, "breakdown" = r->4, "updatedAt" = now()
         FROM jsonb_array_elements($2::jsonb) AS r WHERE l."id" = (r->>0)::uuid AND l."companyId" = $1`,
        [companyId, JSON.stringify(changed)],
      );
    }
    progress.processed += rows.length;
    progress.changed += changed.length;
    progress.total = Math.max(progress.total, progress.processed);
    await onProgress?.({ ...progress });
  }
  await client.query("CLOSE rescored");
  return progress;
}
