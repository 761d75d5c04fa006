import type pg from "pg";
import { companyTransaction, withConnection } from "@/lib/db/bulk";
import { AppError } from "@/lib/errors";
import { BOOLEAN_FIELDS, compileModel, NUMBER_FIELDS, presetById, readsExtraColumns, TEXT_FIELDS, type ScorableLead, type ScoringModel } from "@/lib/scoring";

const BATCH = 10_000;
const FIELDS = [...TEXT_FIELDS, ...NUMBER_FIELDS, ...BOOLEAN_FIELDS];

/**
 * Makes a preset the company's active model and re-scores all its leads with it, in one
 * transaction. Imports and undos of the company wait for it (and it for them). Returns how
 * many leads were re-scored.
 */
export async function switchScoringModel(companyId: string, modelId: string): Promise<{ leads: number }> {
  const definition = presetById(modelId);
  if (!definition) throw new AppError("unknown_model", `There is no scoring model "${modelId}".`, 400);
  return withConnection((client) =>
    companyTransaction(client, companyId, async () => {
      await client.query(`UPDATE "Company" SET "scoringModelId" = $2 WHERE "id" = $1`, [companyId, definition.id]);
      return { leads: await rescoreLeads(client, companyId, definition) };
    }),
  );
}

/**
 * Scores the company's leads with `definition` inside the caller's company transaction on
 * `client`: read through a cursor, scored by the same engine as imports, written back a batch
 * at a time with one UPDATE per batch. `onlyScoredByOthers`: only the leads another model
 * scored (such as those an undo brought back). Returns how many leads were re-scored.
 */
export async function rescoreLeads(client: pg.Client, companyId: string, definition: ScoringModel, { onlyScoredByOthers = false } = {}): Promise<number> {
  const model = compileModel(definition);
  // The extra columns are read only for a model that names one: they are the widest column.
  const columns = readsExtraColumns(definition) ? [...FIELDS, "extra"] : FIELDS;
  await client.query(
    `DECLARE leads NO SCROLL CURSOR FOR SELECT "id", ${columns.map((f) => `"${f}"`).join(", ")} FROM "Lead"
     WHERE "companyId" = $1 ${onlyScoredByOthers ? `AND "scoringModelId" <> $2` : ""}`,
    onlyScoredByOthers ? [companyId, definition.id] : [companyId],
  );
  let leads = 0;
  for (;;) {
    const { rows } = await client.query<ScorableLead & { id: string }>(`FETCH ${BATCH} FROM leads`);
    if (rows.length === 0) break;
    const scored = rows.map((lead) => {
      const result = model.score(lead);
      return [lead.id, result.rawPoints, result.score, result.grade, result.breakdown.map((entry) => entry.points)];
    });
    await client.query(
      `UPDATE "Lead" l SET "rawPoints" = (r->>1)::int, "score" = (r->>2)::int, "grade" = r->>3, "breakdown" = r->4,
         "scoringModelId" = $2, "updatedAt" = now()
       FROM jsonb_array_elements($3::jsonb) AS r WHERE l."id" = (r->>0)::uuid AND l."companyId" = $1`,
      [companyId, definition.id, JSON.stringify(scored)],
    );
    leads += rows.length;
  }
  await client.query("CLOSE leads");
  return leads;
}
