import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** The key Prisma Migrate locks too, so this runner and `prisma migrate deploy` never overlap. */
const MIGRATION_LOCK_KEY = 72707369;

const DEFAULT_DIR = path.resolve("prisma/migrations");

/**
 * Applies the pending migrations of prisma/migrations, in name order, each in its own
 * transaction, and records them in `_prisma_migrations` as Prisma Migrate does.
 * Returns the names it applied; running it again applies nothing.
 */
export async function migrate(url: string, dir = DEFAULT_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done: string[] = [];
    for (const migration of readMigrations(dir)) {
      if (await apply(client, migration)) done.push(migration.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

type Migration = { name: string; sql: string; checksum: string };

function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: sql.toString("utf8"), checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies one migration in a transaction unless it is already recorded. The check sits
 * inside the transaction too: on the embedded database every connection shares one
 * session, so the advisory lock does not keep two runners apart there, but transactions do.
 */
async function apply(client: pg.Client, migration: Migration): Promise<boolean> {
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    const { rows } = await client.query<{ checksum: string; finished_at: Date | null }>(
      `SELECT checksum, finished_at FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (rows.length > 0) {
      await client.query("ROLLBACK");
      if (!rows[0].finished_at) {
        throw new Error(`Migration ${migration.name} failed earlier and is marked unfinished in _prisma_migrations.`);
      }
      if (rows[0].checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was edited after it was applied; add a new migration instead.`);
      }
      return false;
    }
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    if ((error as Error).message.startsWith(`Migration ${migration.name}`)) throw error;
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
  }
}
