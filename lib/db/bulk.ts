import pg from "pg";
import { notFound } from "@/lib/errors";
import { databaseTarget, sessionOptions } from "./client";
import { readAhead } from "@/lib/read-ahead";
import { runSessionBehindRequests } from "./priority";

/**
 * A dedicated connection for bulk work (imports). Batches of 20+ column arrays go through
 * `pg` directly: measured 2.5× faster than the same `unnest` statement through
 * `prisma.$executeRaw`, and an import needs one connection for its whole transaction.
 */
export async function withConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await openConnection();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` on a dedicated connection in one read-only snapshot (REPEATABLE READ): all it
 * reads is of one moment, however long it takes, and it writes nothing.
 */
export async function readOnlySnapshot<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withConnection(async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  });
}

/**
 * A dedicated connection the caller ends (for work that outlives one call, such as a streamed
 * export). Bulk work has it: on a server of this machine its session runs behind the ones that
 * answer requests (lib/db/priority.ts).
 */
export async function openConnection(): Promise<pg.Client> {
  const target = databaseTarget();
  const client = new pg.Client({ connectionString: target.url, options: sessionOptions(target) });
  // A connection that breaks while idle reports it here (the next query fails too); without a
  // listener it would end the process.
  client.on("error", (error) => console.error("Database connection lost:", error.message));
  await client.connect();
  if (target.kind === "postgres") await runSessionBehindRequests(client);
  return client;
}

/**
 * Runs `work` in one transaction on `client`, holding the company's write lock: its imports,
 * undos and re-scores take turns, and each reads the company's active model version under the
 * lock, so what one of them commits is in force for the next. Rolled back if `work` throws.
 */
export async function companyTransaction<T>(
  client: pg.Client,
  companyId: string,
  work: (company: { activeVersionId: string | null }) => Promise<T>,
): Promise<T> {
  await client.query("BEGIN");
  try {
    const { rows } = await client.query<{ activeVersionId: string | null }>(
      `SELECT "activeVersionId" FROM "Company" WHERE "id" = $1 FOR NO KEY UPDATE`,
      [companyId],
    );
    if (rows.length === 0) throw notFound("This company");
    const result = await work(rows[0]);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/**
 * The rows of an open cursor on `client`, `size` at a time: the next page is on its way while
 * the caller works on this one. Stopping early waits for the page in flight, never leaves it
 * unread on the connection.
 */
export function cursorPages<R extends pg.QueryResultRow>(client: pg.Client, cursor: string, size: number, { arrays = false } = {}): AsyncGenerator<R[]> {
  async function* pages() {
    for (;;) {
      const { rows } = await client.query<R>({ text: `FETCH ${size} FROM ${cursor}`, ...(arrays ? { rowMode: "array" as const } : {}) });
      if (rows.length === 0) return;
      yield rows;
    }
  }
  return readAhead(pages(), 1);
}
