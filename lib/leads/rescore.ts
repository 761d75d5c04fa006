import type pg from "pg";
import { breakdownText, columnsRead, compileModel, storedBreakdown, type ScorableLead, type ScoringModel } from "@/lib/scoring";
import { cursorPages } from "@/lib/db/bulk";

const BATCH = 10_000;

export type RescoreProgress = { processed: number; total: number; changed: number };

type Stored = { id: string; rawPoints: number; score: number; grade: string; breakdown: string };


/**
 * Scores the company's leads with `definition` inside the caller's company transaction on
 * `client`, and writes only the leads whose score, grade or breakdown changes: an edit that
 * moves a few leads writes a few rows. Leads are read through a cursor, only the columns the
 * model looks at, a batch at a time (memory stays flat); each batch's changes go in one
 * UPDATE. `onlyImport`: only the leads an undo of that import brought back.
 *
 * `reader`: another connection, in a snapshot taken after the caller's transaction locked the
 * company, to read the leads through while `client` writes: the next batch is read while this
 * one is written (PostgreSQL only; the embedded database has one session for all connections).
 */
export async function rescoreLeads(
  client: pg.Client,
  companyId: string,
  definition: ScoringModel,
  {
    onlyImport,
    total = 0,
    onProgress,
    reader = client,
  }: { onlyImport?: string; total?: number; onProgress?: (progress: RescoreProgress) => void | Promise<void>; reader?: pg.Client } = {},
): Promise<RescoreProgress> {
  const model = compileModel(definition);
  // The breakdown as text: compared with the new one's text (breakdownText), never parsed.
  const columns = ["id", "rawPoints", "score", "grade", ...columnsRead(definition)];
  await reader.query(
    `DECLARE rescored NO SCROLL CURSOR FOR SELECT ${columns.map((c) => `"${c}"`).join(", ")}, "breakdown"::text AS "breakdown" FROM "Lead"
     WHERE "companyId" = $1 ${onlyImport ? `AND "id" IN (SELECT "leadId" FROM "ImportChange" WHERE "importId" = $2)` : ""}`,
    onlyImport ? [companyId, onlyImport] : [companyId],
  );
  const progress = { processed: 0, total, changed: 0 };
  for await (const rows of cursorPages<Stored & ScorableLead>(reader, "rescored", BATCH)) {
    const changed: unknown[] = [];
    for (const lead of rows) {
      const result = model.score(lead);
      const points = storedBreakdown(result.breakdown);
      const differs = lead.rawPoints !== result.rawPoints || lead.score !== result.score || lead.grade !== result.grade || lead.breakdown !== breakdownText(points);
      if (differs) changed.push([lead.id, result.rawPoints, result.score, result.grade, points]);
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
  await reader.query("CLOSE rescored");
  return progress;
}
