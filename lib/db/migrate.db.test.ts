import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { freshDatabase, query } from "./test-helpers";

const MIGRATIONS = path.resolve("prisma/migrations");
const migrationNames = fs.readdirSync(MIGRATIONS, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeEach(async () => {
  db = await freshDatabase();
});
afterEach(async () => {
  await db.drop();
});

function migrationsDir(migrations: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("migration runner", () => {
  it("applies every migration once and records it as Prisma Migrate does", async () => {
    expect(await migrate(db.url)).toEqual(migrationNames);
    expect(await migrate(db.url)).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      db.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(MIGRATIONS, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies each migration exactly once when two runners start together", async () => {
    const [first, second] = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect([...first, ...second].sort()).toEqual(migrationNames);
    const [{ count }] = await query<{ count: string }>(db.url, `SELECT count(*) FROM "_prisma_migrations"`);
    expect(Number(count)).toBe(migrationNames.length);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    const dir = migrationsDir({
      "001_good": `CREATE TABLE "Good" (id int);`,
      "002_bad": `CREATE TABLE "Half" (id int);\nSELECT no_such_function();`,
    });
    await expect(migrate(db.url, dir)).rejects.toThrow(/002_bad failed and was rolled back/);
    const tables = await query<{ table_name: string }>(
      db.url,
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('Good', 'Half')`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["Good"]);
    const recorded = await query<{ migration_name: string }>(db.url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).toEqual(["001_good"]);
  });

  it("refuses to continue when an applied migration was edited afterwards", async () => {
    const dir = migrationsDir({ "001_first": `CREATE TABLE "First" (id int);` });
    await migrate(db.url, dir);
    fs.writeFileSync(path.join(dir, "001_first", "migration.sql"), `CREATE TABLE "First" (id bigint);`);
    await expect(migrate(db.url, dir)).rejects.toThrow(/001_first was edited after it was applied/);
  });
});
