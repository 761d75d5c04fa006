import pg from "pg";
import { databaseTarget, sessionOptions } from "./client";

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

/** A dedicated connection the caller ends (for work that outlives one call, such as a streamed export). */
export async function openConnection(): Promise<pg.Client> {
  const target = databaseTarget();
  const client = new pg.Client({ connectionString: target.url, options: sessionOptions(target) });
  // A connection that breaks while idle reports it here (the next query fails too); without a
  // listener it would end the process.
  client.on("error", (error) => console.error("Database connection lost:", error.message));
  await client.connect();
  return client;
}
