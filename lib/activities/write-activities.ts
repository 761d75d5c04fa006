import type pg from "pg";
import type { Prisma } from "@/lib/db/generated/client";
import type { Activity } from "./activity";

/**
 * Stores activities of one company, each once: a batch's new types are added to the company's
 * types, and an activity already stored (the same `dedupe`: its event id, or its email, type,
 * moment and detail), or sent twice in the batch, is skipped by the primary key. Says how many
 * were stored. Set-based: three statements whatever the batch's size (up to a few thousand).
 *
 * Runs on the connection of the work that writes: a Prisma transaction for the API
 * (`onTransaction`), the import's own connection for a file (`onConnection`).
 */
export type Run = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

export const onConnection = (client: pg.Client): Run => async (text, values) => (await client.query(text, values)).rows;
export const onTransaction = (tx: Prisma.TransactionClient): Run => (text, values) => tx.$queryRawUnsafe(text, ...values);

export async function writeActivities(run: Run, companyId: string, activities: Activity[], importId: string | null = null): Promise<number> {
  if (activities.length === 0) return 0;
  // The company's types: a new one is written as it first came.
  const names = new Map<string, string>();
  for (const { typeKey, type } of activities) if (!names.has(typeKey)) names.set(typeKey, type);
  const keys = [...names.keys()];
  await run(
    `INSERT INTO "ActivityType" ("companyId", "name", "key") SELECT $1::uuid, t."name", t."key" FROM unnest($2::text[], $3::text[]) AS t("name", "key")
     ON CONFLICT ("companyId", "key") DO NOTHING`,
    [companyId, [...names.values()], keys],
  );
  const types = await run(`SELECT "id", "key" FROM "ActivityType" WHERE "companyId" = $1::uuid AND "key" = ANY($2::text[])`, [companyId, keys]);
  const typeIds = new Map(types.map((row) => [row.key as string, row.id as number]));
  const rows = activities.map((a) => ({ d: a.dedupe, e: a.email, t: typeIds.get(a.typeKey)!, o: a.occurredAt.toISOString(), x: a.detail, s: a.source, i: a.eventId }));
  const stored = await run(
    `INSERT INTO "Activity" ("companyId", "dedupe", "email", "typeId", "occurredAt", "detail", "source", "eventId", "importId")
     SELECT $1::uuid, r."d"::uuid, r."e", r."t", r."o"::timestamptz, r."x", r."s", r."i", $3::uuid
     FROM jsonb_to_recordset($2::jsonb) AS r("d" text, "e" text, "t" int, "o" text, "x" text, "s" text, "i" text)
     ON CONFLICT ("companyId", "dedupe") DO NOTHING
     RETURNING 1 AS "stored"`,
    [companyId, JSON.stringify(rows), importId],
  );
  return stored.length;
}
