import { hash } from "node:crypto";
import type pg from "pg";
import type { Prisma } from "@/lib/db/generated/client";
import type { Activity } from "./activity";

/**
 * Stores activities of one company, each once: a batch's new types are added to the company's
 * types, and an activity already stored (the same `dedupe`: its event id, or its email, type,
 * moment and detail), or sent twice in the batch, is skipped by the primary key. Set-based: a few
 * statements whatever the batch's size.
 *
 * Runs on the connection of the work that writes: a Prisma transaction for the API
 * (`onTransaction`), the import's own connection for a file (`onConnection`).
 */
export type Run = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

export const onConnection = (client: pg.Client): Run => async (text, values) => (await client.query(text, values)).rows;
export const onTransaction = (tx: Prisma.TransactionClient): Run => (text, values) => tx.$queryRawUnsafe(text, ...values);

/**
 * What identifies an activity (122 bits of a SHA-256, written as a uuid): its event id when the
 * source gave one, else its email, type (without case), moment and detail; `nth` (from 2) tells
 * apart the activities of a count in a file with one column per type ("Opens: 3").
 */
export function dedupeKey({ email, typeKey, occurredAt, detail, eventId, nth }: Activity): string {
  const identity =
    eventId !== null
      ? `event\u001f${eventId}`
      : `activity\u001f${email}\u001f${typeKey}\u001f${occurredAt.toISOString()}\u001f${detail ?? ""}${nth > 1 ? `\u001f${nth}` : ""}`;
  const hex = hash("sha256", identity, "hex");
  // A version-8 uuid (RFC 9562: bits of the application's own), so that it reads as any other id.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A company has at most this many activity types: an activity of a new type beyond it is refused. */
export const MAX_ACTIVITY_TYPES = 10_000;

export const TOO_MANY_TYPES = `The company has ${MAX_ACTIVITY_TYPES.toLocaleString("en-US")} activity types already, the most it can have: use one of them.`;

/**
 * The ids of the activities' types in the company, a new type added as it first came while there
 * is room for it (MAX_ACTIVITY_TYPES); `untyped`: the indexes of the activities whose type has no room.
 */
export async function activityTypeIds(run: Run, companyId: string, activities: Activity[]): Promise<{ typeIds: Map<string, number>; untyped: number[] }> {
  const names = new Map<string, string>();
  for (const { typeKey, type } of activities) if (!names.has(typeKey)) names.set(typeKey, type);
  const keys = [...names.keys()];
  if (keys.length === 0) return { typeIds: new Map(), untyped: [] };
  let types = await run(`SELECT "id", "key" FROM "ActivityType" WHERE "companyId" = $1::uuid AND "key" = ANY($2::text[])`, [companyId, keys]);
  if (types.length < keys.length) {
    const known = new Set(types.map((row) => row.key as string));
    const [{ count }] = await run(`SELECT count(*)::int AS "count" FROM "ActivityType" WHERE "companyId" = $1::uuid`, [companyId]);
    const added = keys.filter((key) => !known.has(key)).slice(0, Math.max(0, MAX_ACTIVITY_TYPES - (count as number)));
    await run(
      `INSERT INTO "ActivityType" ("companyId", "name", "key") SELECT $1::uuid, t."name", t."key" FROM unnest($2::text[], $3::text[]) AS t("name", "key")
       ON CONFLICT ("companyId", "key") DO NOTHING`,
      [companyId, added.map((key) => names.get(key)!), added],
    );
    types = await run(`SELECT "id", "key" FROM "ActivityType" WHERE "companyId" = $1::uuid AND "key" = ANY($2::text[])`, [companyId, keys]);
  }
  const typeIds = new Map(types.map((row) => [row.key as string, row.id as number]));
  const untyped: number[] = [];
  activities.forEach((a, index) => {
    if (!typeIds.has(a.typeKey)) untyped.push(index);
  });
  return { typeIds, untyped };
}

/**
 * Says how many activities were stored, and which (by index) were not because their type would be
 * one beyond MAX_ACTIVITY_TYPES.
 */
export async function writeActivities(run: Run, companyId: string, activities: Activity[], importId: string | null = null): Promise<{ stored: number; untyped: number[] }> {
  const { typeIds, untyped } = await activityTypeIds(run, companyId, activities);
  const rows: object[] = [];
  for (const a of activities) {
    const t = typeIds.get(a.typeKey);
    if (t !== undefined) rows.push({ d: dedupeKey(a), e: a.email, t, o: a.occurredAt.toISOString(), x: a.detail, s: a.source, i: a.eventId });
  }
  if (rows.length === 0) return { stored: 0, untyped };
  const [{ stored }] = await run(
    `WITH stored AS (
       INSERT INTO "Activity" ("companyId", "dedupe", "email", "typeId", "occurredAt", "detail", "source", "eventId", "importId")
       SELECT $1::uuid, r."d"::uuid, r."e", r."t", r."o"::timestamptz, r."x", r."s", r."i", $3::uuid
       FROM jsonb_to_recordset($2::jsonb) AS r("d" text, "e" text, "t" int, "o" text, "x" text, "s" text, "i" text)
       ON CONFLICT ("companyId", "dedupe") DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS "stored" FROM stored`,
    [companyId, JSON.stringify(rows), importId],
  );
  return { stored: stored as number, untyped };
}
