import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { freshDatabase, query } from "@/lib/db/test-helpers";
import { compileModel, storedBreakdown, templateDefinition } from "@/lib/scoring";

const MIGRATIONS = path.resolve("prisma/migrations");
const STUDIO = "20261203090000_scoring_studio";

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeEach(async () => {
  db = await freshDatabase();
});
afterEach(async () => {
  await db.drop();
});

/** The migrations before the studio's, as a folder of their own. */
function migrationsBeforeStudio(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-before-studio-"));
  for (const name of fs.readdirSync(MIGRATIONS).filter((n) => n < STUDIO && fs.statSync(path.join(MIGRATIONS, n)).isDirectory())) {
    fs.mkdirSync(path.join(dir, name));
    fs.copyFileSync(path.join(MIGRATIONS, name, "migration.sql"), path.join(dir, name, "migration.sql"));
  }
  return dir;
}

const LEADS = [
  { email: "cto@example.com", jobTitle: "CTO", companySize: 12000, industry: "SaaS", location: "Berlin" },
  { email: "tox@example.com", jobTitle: "Head of Toxicology", companySize: 800, industry: "Pharmaceuticals", location: "Boston", usesInVitroModels: true, publishedDiliPaper: true },
  { email: "dev@example.com", jobTitle: "Developer", companySize: 50, industry: "Retail", location: "Nowhere" },
  { email: "empty@example.com" },
];

it("turns each company's preset into its model's version 1 and keeps every score, grade and breakdown", async () => {
  await migrate(db.url, migrationsBeforeStudio());
  const presets = { "Preset Co": "b2b-saas", "Lab Co": "lifescience-3d-invitro", "Unknown Co": "retired-preset" };
  for (const [name, preset] of Object.entries(presets)) {
    const [{ id }] = await query<{ id: string }>(db.url, `INSERT INTO "Company" ("name", "scoringModelId") VALUES ($1, $2) RETURNING "id"`, [name, preset]);
    // As the app scored them before: the preset (the default one for an unknown id), points as a list.
    const model = compileModel(templateDefinition(preset === "lifescience-3d-invitro" ? preset : "b2b-saas")!);
    for (const lead of LEADS) {
      const result = model.score(lead);
      await query(
        db.url,
        `INSERT INTO "Lead" ("companyId", "email", "jobTitle", "companySize", "industry", "location", "usesInVitroModels", "publishedDiliPaper",
           "submittedAt", "rawPoints", "score", "grade", "breakdown", "scoringModelId")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9, $10, $11, $12, $13)`,
        [id, lead.email, lead.jobTitle ?? null, lead.companySize ?? null, lead.industry ?? null, lead.location ?? null, lead.usesInVitroModels ?? null,
          lead.publishedDiliPaper ?? null, result.rawPoints, result.score, result.grade, JSON.stringify(result.breakdown.map((e) => e.points)), preset],
      );
    }
  }
  const before = await query<{ email: string; company: string; rawPoints: number; score: number; grade: string }>(
    db.url,
    `SELECT l."email", c."name" AS "company", l."rawPoints", l."score", l."grade" FROM "Lead" l JOIN "Company" c ON c."id" = l."companyId" ORDER BY 2, 1`,
  );
  const statsBefore = await query(db.url, `SELECT "companyId", "day", "grade", "leads", "scoreSum" FROM "LeadStats" ORDER BY 1, 2, 3`);

  expect((await migrate(db.url))[0]).toBe(STUDIO);

  const after = await query<{ email: string; company: string; rawPoints: number; score: number; grade: string; breakdown: unknown; definition: unknown; version: number }>(
    db.url,
    `SELECT l."email", c."name" AS "company", l."rawPoints", l."score", l."grade", l."breakdown", v."definition", v."version"
     FROM "Lead" l JOIN "Company" c ON c."id" = l."companyId" JOIN "ModelVersion" v ON v."id" = c."activeVersionId" ORDER BY 2, 1`,
  );
  expect(after.map(({ email, company, rawPoints, score, grade }) => ({ email, company, rawPoints, score, grade }))).toEqual(before);
  for (const lead of after) {
    const preset = presets[lead.company as keyof typeof presets] === "lifescience-3d-invitro" ? "lifescience-3d-invitro" : "b2b-saas";
    expect(lead.version).toBe(1);
    // The migration wrote the template as it was then; only its description has been reworded since.
    expect({ ...(lead.definition as object), description: "" }).toEqual({ ...templateDefinition(preset), description: "" });
    const source = LEADS.find((l) => l.email === lead.email)!;
    expect(lead.breakdown).toEqual(storedBreakdown(compileModel(templateDefinition(preset)!).score(source).breakdown));
  }
  expect(await query(db.url, `SELECT "companyId", "day", "grade", "leads", "scoreSum" FROM "LeadStats" ORDER BY 1, 2, 3`)).toEqual(statsBefore);
  const models = await query<{ name: string; models: number }>(db.url, `SELECT c."name", count(m.*)::int AS "models" FROM "Company" c JOIN "ScoringModel" m ON m."companyId" = c."id" GROUP BY 1 ORDER BY 1`);
  expect(models).toEqual([
    { name: "Lab Co", models: 1 },
    { name: "Preset Co", models: 1 },
    { name: "Unknown Co", models: 1 },
  ]);
});
