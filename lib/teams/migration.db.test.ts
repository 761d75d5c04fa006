import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { freshDatabase, query } from "@/lib/db/test-helpers";

const MIGRATIONS = path.resolve("prisma/migrations");
const TEAMS = "20261204090000_teams";

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeEach(async () => {
  db = await freshDatabase();
});
afterEach(async () => {
  await db.drop();
});

function migrationsBefore(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-before-teams-"));
  for (const entry of fs.readdirSync(MIGRATIONS).filter((n) => n < name && fs.statSync(path.join(MIGRATIONS, n)).isDirectory())) {
    fs.mkdirSync(path.join(dir, entry));
    fs.copyFileSync(path.join(MIGRATIONS, entry, "migration.sql"), path.join(dir, entry, "migration.sql"));
  }
  return dir;
}

it("makes every existing user the owner of their company and keeps their signed-in sessions", async () => {
  await migrate(db.url, migrationsBefore(TEAMS));
  const users: { id: string; companyId: string }[] = [];
  for (const name of ["Acme", "Globex"]) {
    const [{ id: companyId }] = await query<{ id: string }>(db.url, `INSERT INTO "Company" ("name") VALUES ($1) RETURNING "id"`, [name]);
    const [user] = await query<{ id: string; companyId: string }>(
      db.url,
      `INSERT INTO "User" ("companyId", "email", "name", "passwordHash") VALUES ($1, $2, $3, 'x') RETURNING "id", "companyId"`,
      [companyId, `${name.toLowerCase()}@example.com`, name],
    );
    users.push(user);
    await query(db.url, `INSERT INTO "AuthSession" ("userId", "expiresAt") VALUES ($1, now() + interval '1 day')`, [user.id]);
  }

  await migrate(db.url);

  const memberships = await query<{ userId: string; companyId: string; role: string }>(db.url, `SELECT "userId", "companyId", "role" FROM "Membership" ORDER BY "role", "userId"`);
  expect(memberships).toEqual(users.map((u) => ({ userId: u.id, companyId: u.companyId, role: "owner" })).sort((a, b) => a.userId.localeCompare(b.userId)));
  const sessions = await query<{ userId: string; companyId: string }>(db.url, `SELECT "userId", "companyId" FROM "AuthSession"`);
  expect(sessions.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual(users.map((u) => ({ userId: u.id, companyId: u.companyId })).sort((a, b) => a.userId.localeCompare(b.userId)));
  const columns = await query<{ column_name: string }>(db.url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'User'`);
  expect(columns.map((c) => c.column_name)).not.toContain("companyId");
});
