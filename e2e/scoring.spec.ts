import pg from "pg";
import { e2eDatabaseUrl } from "../playwright.config";
import { expect, test, type Page } from "./test";
import { importCsv, screenshot, signUp, sql } from "./helpers";

// The Portuguese fintech team of the studio's story: the B2B template ranks the Berlin engineer
// first; their own rules should put the Porto CEO first and sink free-mail addresses.
const CSV = [
  "Email,Full Name,Job Title,Company Size,Industry,Location",
  "eng@bigsaas.de,Berta Engineer,Software Engineer,20000,SaaS,Berlin",
  "ceo@fintech.pt,Carla Ceo,CEO,600,Fintech,Porto",
  "ana.student@gmail.com,Ana Student,Student,5000,SaaS,Berlin",
].join("\n");

/** A criterion card of the editor, by its position. */
const rule = (page: Page, n: number) => page.getByRole("listitem", { name: new RegExp(`^Rule ${n}:`) });

test("a new user turns the B2B template into their own model, previews it, publishes it and sees every lead re-scored", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const account = await signUp(page);
  await importCsv(page, "fintech.csv", CSV);
  await page.goto("/dashboard");
  await expect(page.getByTestId("top-leads").getByRole("listitem").first()).toContainText("Berta Engineer");
  const studentOfThisCompany = () =>
    sql<{ id: string; score: number }>(
      `SELECT l.id, l.score FROM "Lead" l JOIN "Membership" m ON m."companyId" = l."companyId" JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND l.email = 'ana.student@gmail.com'`,
      [account.email],
    );

  // From the navigation to the studio, and a new model from the B2B template.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Scoring" }).click();
  await expect(page.getByRole("heading", { name: "Scoring studio" })).toBeVisible();
  await expect(page.getByTestId("draft-status")).toContainText("B2B SaaS v1 (published)");
  await page.getByLabel("New model").fill("Iberian fintech");
  await page.getByLabel("Start from").selectOption("b2b-saas");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/scoring\?model=/);
  await expect(page.getByTestId("draft-status")).toContainText("Draft of version 1");
  await expect(page.getByLabel("Model name")).toHaveValue("Iberian fintech");

  // A disqualifier: free email addresses lose 10 points.
  await page.getByRole("button", { name: "+ Add a rule" }).click();
  const card = rule(page, 5);
  await card.getByLabel("Rule 5 name").fill("");
  // Problems show where they are, in words, as the user types.
  await expect(card.getByText("A criterion needs a label.")).toBeVisible();
  await expect(page.getByTestId("draft-status")).toContainText("problem");
  await card.getByLabel("Rule 5 name").fill("Free email");
  await card.getByLabel("Test of rule 5, tier 1, condition 1").selectOption("yes");
  await card.getByLabel("Field of rule 5, tier 1, condition 1").selectOption("freeEmail");
  await card.getByLabel("Points of rule 5, tier 1").fill("-10");
  // Mid-size companies are this team's market: 10,000+ employees are worth 3 points, not 10.
  await rule(page, 1).getByLabel("Points of rule 1, tier 1").fill("3");
  // A threshold: grade A from 70.
  await page.getByLabel("Grade A from").fill("70");
  await expect(page.getByTestId("draft-status")).not.toContainText("problem");

  // Try a lead: the student, found by name, scored by the rules as they stand.
  await page.getByLabel("Find a lead by name or email").fill("student");
  await page.getByRole("list", { name: "Leads found" }).getByRole("button", { name: /Ana Student/ }).click();
  const tried = page.getByTestId("try-result");
  await expect(tried).toContainText("Free email");
  await expect(tried.getByRole("row", { name: /Free email/ })).toContainText("-10");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();

  // The impact on the real leads, before anything changes.
  await page.getByRole("button", { name: "Preview impact" }).click();
  const preview = page.getByTestId("impact-preview");
  await expect(preview).toBeVisible();
  await expect(page.getByTestId("preview-go-down")).toHaveText("2");
  await expect(page.getByTestId("movers-down")).toContainText("Ana Student");
  await expect(page.getByTestId("movers-down")).toContainText("Free email (-10 points)");
  await expect(page.getByTestId("preview-top").getByRole("listitem").first()).toContainText("Carla Ceo");
  // Nothing was written: the dashboard still ranks as before.
  expect((await studentOfThisCompany())[0].score).toBe(45);
  await screenshot(page, "desktop-scoring-studio");

  // Publish: the request answers at once and the progress is shown until the scores are in.
  await page.getByLabel("Note (optional)").fill("Fintech first, no free mail");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("rescore-progress")).toBeVisible();
  await expect(page.getByTestId("rescore-done")).toContainText("Iberian fintech v1 is active: 3 leads checked");
  await expect(page.getByRole("list", { name: "Versions" })).toContainText("Fintech first, no free mail");
  await screenshot(page, "desktop-scoring-published");

  await page.goto("/dashboard");
  await expect(page.getByTestId("top-leads").getByRole("listitem").first()).toContainText("Carla Ceo");
  const [student] = await studentOfThisCompany();
  expect(student.score).toBe(0);
  await page.goto(`/leads/${student.id}`);
  await expect(page.getByTestId("scored-with")).toContainText("Scored with Iberian fintech v1");
  await expect(page.getByTestId("breakdown")).toContainText("Free email");

  // The export names the version too.
  const csv = await (await page.request.get("/api/leads/export")).text();
  expect(csv.split("\n")[0]).toContain("Scored with");
  expect(csv.split("\n")[1]).toContain("Iberian fintech v1");
});

test("the studio works on a phone, and versions compare and restore", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page);
  await importCsv(page, "fintech.csv", CSV);
  await page.goto("/scoring");
  // A change to the active model makes a draft of version 2, published from the phone.
  await page.getByLabel("Points for a score of 100").fill("25");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("rescore-done")).toContainText("B2B SaaS v2 is active");
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("version-changes")).toContainText("Points for 100: 20 → 25");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "phone-scoring-studio");

  // Restore version 1 as a draft.
  await versions.getByRole("listitem").filter({ hasText: "B2B SaaS v1" }).getByRole("button", { name: "Restore as draft" }).click();
  await expect(page.getByTestId("draft-status")).toContainText("Draft of version 3");
  await expect(page.getByLabel("Points for a score of 100")).toHaveValue("20");
});

test("every page says so while the leads are being re-scored", async ({ page }) => {
  const account = await signUp(page);
  const [{ versionId, companyId }] = await sql<{ versionId: string; companyId: string }>(
    `SELECT c."activeVersionId" AS "versionId", c.id AS "companyId" FROM "Company" c JOIN "Membership" m ON m."companyId" = c.id JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
    [account.email],
  );
  // A re-score under way (as a worker leaves it between progress updates), its worker alive:
  // this test holds the worker's lock (lib/jobs/liveness.ts).
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO "ScoringJob" ("companyId", "versionId", "status", "processed", "total") VALUES ($1, $2, 'running', 450, 1000) RETURNING id`,
    [companyId, versionId],
  );
  const worker = new pg.Client({ connectionString: e2eDatabaseUrl });
  await worker.connect();
  await worker.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [`rescore:${id}`]);
  try {
    for (const path of ["/dashboard", "/leads"]) {
      await page.goto(path);
      await expect(page.getByTestId("rescore-notice")).toContainText("Re-scoring with B2B SaaS v1: 45%");
    }
  } finally {
    await sql(`UPDATE "ScoringJob" SET "status" = 'failed', "error" = 'test' WHERE "companyId" = $1`, [companyId]);
    await worker.end();
  }
});

test("the studio names the model of a failed re-score, and warns of a condition on a column no import has", async ({ page }) => {
  const account = await signUp(page);
  await importCsv(page, "sources.csv", "Email,Job Title,Lead Source\nana@acme.example,CTO,Webinar\n");
  const [{ versionId, companyId }] = await sql<{ versionId: string; companyId: string }>(
    `SELECT c."activeVersionId" AS "versionId", c.id AS "companyId" FROM "Company" c JOIN "Membership" m ON m."companyId" = c.id JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
    [account.email],
  );
  await sql(`INSERT INTO "ScoringJob" ("companyId", "versionId", "status", "processed", "total", "error") VALUES ($1, $2, 'failed', 10, 20, 'The database went away.')`, [companyId, versionId]);
  const keywords = (field: string) => ({ label: field, tiers: [{ points: 5, when: [{ kind: "keywords", field, keywords: ["web"] }] }] });
  const created = await page.request.post("/api/models", { data: { name: "Columns", definition: { name: "Columns", pointsFor100: 10, criteria: [keywords("extra:Lead Source"), keywords("extra:Nope")] } } });
  expect(created.status(), await created.text()).toBe(201);
  const { model } = await created.json();

  await page.goto(`/scoring?model=${model.id}`);
  await expect(page.getByTestId("rescore-progress").getByRole("alert")).toHaveText("Re-scoring with B2B SaaS v1 failed: The database went away.");
  // "Lead Source" came with an import; "Nope" did not: only its condition is flagged, and the model can still be saved.
  await expect(page.getByTestId("unknown-column")).toHaveCount(1);
  await expect(rule(page, 2).getByTestId("unknown-column")).toHaveText("No recent import has a column “Nope”: this condition matches no lead until one does.");
  await screenshot(page, "studio-unknown-column");
});
