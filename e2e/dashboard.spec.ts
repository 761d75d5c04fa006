import fs from "node:fs";
import { expect, test, type Page } from "./test";
import Papa from "papaparse";
import { sampleCsvBytes } from "../lib/sample-data/generate";
import { importCsv, screenshot, signUp, sql } from "./helpers";

async function importSampleLeads(page: Page, rows: number) {
  await importCsv(page, "sample.csv", await sampleCsvBytes({ rows, seed: 7, endDate: new Date() }), { timeout: 60_000 });
}

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`the dashboard shows KPIs, the top 10, both charts and the 7/30/90-day switch (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signUp(page);
    await importSampleLeads(page, 400);
    await page.goto("/dashboard");

    await expect(page.getByTestId("kpis")).toContainText("Total leads");
    await expect(page.getByTestId("top-leads").getByRole("listitem")).toHaveCount(10);
    await expect(page.locator("figure[aria-label^='Top 5 leads by score']")).toBeVisible();
    await expect(page.locator("figure[aria-label^='Leads submitted per day over the last 30 days']")).toBeVisible();
    await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await screenshot(page, `${viewport.name}-dashboard-data`);

    await page.getByRole("link", { name: "7 days" }).click();
    await expect(page).toHaveURL(/\/dashboard\?days=7$/);
    await expect(page.getByTestId("kpis")).toContainText("New in 7 days");
    await expect(page.locator("figure[aria-label^='Leads submitted per day over the last 7 days']")).toBeVisible();
    await page.getByRole("link", { name: "90 days" }).click();
    await expect(page.locator("figure[aria-label^='Leads submitted per day over the last 90 days']")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The best lead explains its score, and the points add up.
    await page.getByTestId("top-leads").getByRole("link").first().click();
    const breakdown = page.getByTestId("breakdown");
    await expect(breakdown).toBeVisible();
    const points = (await breakdown.locator("tbody td:last-child").allTextContents()).map(Number);
    expect(points).toHaveLength(4);
    expect(points.reduce((sum, p) => sum + p, 0)).toBe(Number(await page.getByTestId("breakdown-total").textContent()));
    await screenshot(page, `${viewport.name}-lead-detail`);
  });
}

test("the dashboard API answers 422 for a period it does not offer, 401 without a session", async ({ page, request }) => {
  expect((await request.get("/api/dashboard")).status()).toBe(401);
  await signUp(page);
  const bad = await page.request.get("/api/dashboard?days=12");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toEqual({ code: "invalid_request", message: "days must be 7, 30 or 90.", issues: [{ path: "days", message: "days must be 7, 30 or 90." }] });
  expect((await (await page.request.get("/api/dashboard?days=7")).json()).trend).toHaveLength(7);
});

test("the leads page searches, filters and sorts, keeping the view in the address", async ({ page }) => {
  await signUp(page);
  await importSampleLeads(page, 300);
  await page.goto("/leads");
  const total = async () => Number((await page.getByTestId("lead-total").textContent())!.replace(/\D/g, ""));
  const all = await total();
  expect(all).toBeGreaterThan(250);

  await page.getByLabel("Search").fill("scrum");
  await page.getByRole("button", { name: "Show leads" }).click();
  await expect(page).toHaveURL(/[?&]q=scrum/);
  const scrum = await total();
  expect(scrum).toBeGreaterThan(0);
  expect(scrum).toBeLessThan(all);
  // Columns: tick box, rank, lead (name and title), company, outcome, score.
  for (const title of await page.getByTestId("leads-table").locator("tbody tr td:nth-child(3) div").allTextContents()) {
    expect(title.toLowerCase()).toContain("scrum");
  }

  await page.getByLabel("Minimum score").fill("20");
  await page.getByRole("button", { name: "Show leads" }).click();
  await expect(page).toHaveURL(/minScore=20/);
  for (const badge of await page.getByTestId("leads-table").locator("tbody td:last-child").allTextContents()) {
    expect(Number.parseInt(badge, 10)).toBeGreaterThanOrEqual(20);
  }
  await screenshot(page, "desktop-leads-filtered");

  // The download holds exactly the rows of the table, in the same order.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^leads-company-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync(await download.path(), "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const [header, ...rows] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
  expect(rows).toHaveLength(await total());
  const names = rows.map((row) => `${row[header.indexOf("First name")]} ${row[header.indexOf("Last name")]}`);
  expect(names).toEqual(await page.getByTestId("leads-table").locator("tbody tr td:nth-child(3) a").allTextContents());

  // The address alone restores the view.
  const url = page.url();
  await page.goto("/leads");
  await page.goto(url);
  await expect(page.getByLabel("Search")).toHaveValue("scrum");
  await expect(page.getByLabel("Minimum score")).toHaveValue("20");

  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/leads$/);
  expect(await total()).toBe(all);

  const api = await page.request.get("/api/leads?q=scrum&minScore=20");
  expect((await api.json()).total).toBeGreaterThan(0);
  expect((await page.request.get("/api/leads?grade=Z")).status()).toBe(422);
});

test("an empty dashboard offers sample data, imported through the usual pipeline with its progress shown", async ({ page }) => {
  await signUp(page);
  await expect(page.getByRole("heading", { name: "No leads yet" })).toBeVisible();
  await screenshot(page, "desktop-dashboard-empty");
  // A triple click makes one import: the button is busy at once, and the server refuses a second one.
  await page.getByRole("button", { name: "Try with sample data" }).click({ clickCount: 3 });
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Imported", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("sample-leads.csv").first()).toBeVisible();
  await expect(page.getByTestId("count-created")).toHaveText(/9,9\d\d/);
  await page.goto("/imports");
  await expect(page.getByTestId("import-history").getByText("sample-leads.csv")).toHaveCount(1);
  // Their activities follow, with a few people who are not among the leads.
  await expect(page.getByTestId("import-history").getByText("sample-activities.csv")).toHaveCount(1);
  const activityImport = async () => (await (await page.request.get("/api/imports")).json()).imports.find((i: { fileName: string }) => i.fileName === "sample-activities.csv");
  await expect.poll(async () => (await activityImport())?.status, { timeout: 60_000 }).toBe("succeeded");
  expect((await activityImport()).activitySummary.unknown.people).toBeGreaterThan(100);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Leads submitted and activities" })).toBeVisible();
  await expect(page.getByRole("figure", { name: /activities: \d+ in all/ })).toBeVisible();
  await screenshot(page, "desktop-dashboard-activities");
  await expect(page.getByTestId("top-leads").getByRole("listitem")).toHaveCount(10);
  await expect(page.getByTestId("kpis")).toContainText(/9,9\d\d/);
  await expect(page.getByTestId("grade-counts")).toContainText(/\d,\d{3}/);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "phone-dashboard-grades");
});

test("a leads page past the end shows the last page instead of an empty table", async ({ page }) => {
  await signUp(page);
  await importSampleLeads(page, 120);
  await page.goto("/leads?page=99999&grade=D");
  await expect(page).toHaveURL(/\/leads\?grade=D&page=\d+$/);
  await expect(page.getByRole("link", { name: "← Previous" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
  await expect(page.locator("tbody tr").first()).toBeVisible();
});

test("an empty dashboard with an import under way points to its progress instead of saying there are no leads", async ({ page }) => {
  const account = await signUp(page);
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Import" ("companyId", "fileName", "status", "headers", "mapping")
     SELECT m."companyId", 'crm-export.csv', 'queued', '[]', '[]' FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1 RETURNING "id"`,
    [account.email],
  );
  try {
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Your leads are being imported" })).toBeVisible();
    await expect(page.getByText("crm-export.csv is being imported and scored.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "No leads yet" })).toHaveCount(0);
    await screenshot(page, "desktop-dashboard-importing");
    await expect(page.getByRole("link", { name: "See its progress" })).toHaveAttribute("href", `/imports/${row.id}`);
  } finally {
    await sql(`DELETE FROM "Import" WHERE "id" = $1`, [row.id]);
  }
});
