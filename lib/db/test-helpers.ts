import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { startEmbeddedDatabase } from "./embedded";

/**
 * An empty database of the kind under test: a new database on the PostgreSQL server, or a
 * new in-memory embedded one. `drop` removes it.
 */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (inject("databaseKind") === "pglite") {
    const embedded = await startEmbeddedDatabase({});
    return { url: embedded.url, drop: embedded.stop };
  }
  const name = `leadrank_test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: inject("databaseUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: inject("databaseUrl") });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Bytes as the upload stream a route handler hands to the import pipeline. */
export async function* bytesOf(content: string | Uint8Array) {
  yield typeof content === "string" ? new TextEncoder().encode(content) : content;
}

/** A unique email for a test account. */
export const testEmail = (label = "user") => `${label}-${randomUUID().slice(0, 8)}@example.com`;
