import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./test";
import Papa from "papaparse";
import { screenshot, signUp } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A CRM-style export: 40 good leads, one repeated email, two broken rows, a column to map by hand. */
function crmExport(): string {
  const rows = [["Email", "Full Name", "Job", "Company", "Employees", "Created Date", "Favourite colour"]];
  for (let i = 1; i <= 40; i++) {
    rows.push([`lead${i}@example.com`, `Lead Number ${i}`, i % 5 === 0 ? "CTO" : "Developer", "Acme, Inc", String(i * 300), "2026-11-01", "teal"]);
  }
  rows.push(["lead7@example.com", "Lead Seven Again", "VP Sales", "Acme, Inc", "12000", "2026-11-02", "red"]);
  rows.push(["not-an-email", "Broken One", "CEO", "Nowhere", "10", "2026-11-01", ""]);
  rows.push(["broken2@example.com", "Broken Two", "CEO", "Nowhere", "lots", "2026-11-01", ""]);
  return Papa.unparse(rows, { newline: "\r\n" });
}

test("upload a CSV, fix its mapping, watch it import, download the rejected rows and undo it", async ({ page }) => {
  await signUp(page);
  await page.goto("/imports");
  await expect(page.getByText("No imports yet.")).toBeVisible();
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "crm-export.csv", mimeType: "text/csv", buffer: Buffer.from(crmExport()) });

  await expect(page.getByTestId("detected-format")).toContainText("UTF-8 · comma-separated · 7 columns");
  const job = page.getByLabel('Import "Job" as');
  await expect(job).toHaveValue("");
  await expect(page.getByLabel('Import "Employees" as')).toHaveValue("companySize");
  await job.selectOption({ label: "Job title" });
  await expect(page.getByTestId("preview").getByRole("columnheader", { name: "Job title" })).toBeVisible();
  await screenshot(page, "import-mapping");

  await page.getByRole("button", { name: "Import crm-export.csv" }).click();
  await expect(page.getByText("Import finished.")).toBeVisible();
  const counts = page.getByTestId("import-counts").first();
  await expect(counts.getByTestId("count-created")).toHaveText("40");
  await expect(counts.getByTestId("count-rejected")).toHaveText("2");
  await expect(counts.getByTestId("count-duplicates")).toHaveText("1");
  await expect(counts.getByTestId("count-rows")).toHaveText("43");
  await expect(page.getByTestId("import-history").getByRole("link", { name: "crm-export.csv" })).toBeVisible();
  await screenshot(page, "import-finished");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("Download the 2 rejected rows (CSV)").click()]);
  expect(download.suggestedFilename()).toBe("crm-export-rejected.csv");
  const rejected = Papa.parse<string[]>(fs.readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  expect(rejected[0]).toEqual(["Email", "Full Name", "Job", "Company", "Employees", "Created Date", "Favourite colour", "row", "reason"]);
  expect(rejected.slice(1).map((row) => [row[0], row[7], row[8]])).toEqual([
    ["not-an-email", "43", '"not-an-email" is not a valid email address.'],
    ["broken2@example.com", "44", expect.stringContaining('Company size "lots" is not a number of employees')],
  ]);

  await page.goto("/leads");
  await expect(page.getByRole("link", { name: "Lead Seven Again" })).toBeVisible();

  await page.goto("/imports");
  await expect(page.getByTestId("import-history")).toContainText("crm-export.csv");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByTestId("import-history").getByText("Undone")).toBeVisible();
  await page.goto("/leads");
  await expect(page.getByRole("heading", { name: "No leads yet" })).toBeVisible();
});

test("an import that ends before its upload is answered shows its counts and is in the history at once", async ({ page }) => {
  await signUp(page);
  await page.goto("/imports");
  // The server imports a small file as it arrives: its answer can already say "succeeded". Here it always does.
  await page.route("**/api/imports", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const answer = await route.fetch();
    const { import: started } = (await answer.json()) as { import: { id: string; status: string } };
    let job = started;
    while (job.status === "queued" || job.status === "running") job = (await (await page.request.get(`/api/imports/${job.id}`)).json()).import;
    await route.fulfill({ response: answer, json: { import: job } });
  });
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "quick.csv", mimeType: "text/csv", buffer: Buffer.from("Email,Job Title\nquick@example.com,CTO\n") });
  await page.getByRole("button", { name: "Import quick.csv" }).click();
  await expect(page.getByText("Import finished.")).toBeVisible();
  await expect(page.getByTestId("import-history").getByRole("link", { name: "quick.csv" })).toBeVisible();
});

test("a proxy's HTML error page instead of LeadRank's answer says what happened, and the page is ready for another try", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 413/);
  await signUp(page);
  await page.goto("/imports");
  // A reverse proxy in front of LeadRank refusing a large body answers with its own HTML page.
  await page.route("**/api/imports", (route) =>
    route.request().method() === "POST" ? route.fulfill({ status: 413, contentType: "text/html", body: "<html><body><h1>413 Request Entity Too Large</h1><hr>nginx</body></html>" }) : route.fallback(),
  );
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.from("Email\na@b.example\n") });
  await page.getByRole("button", { name: "Import big.csv" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "HTTP 413" })).toHaveText("The file is larger than the server in front of LeadRank accepts (HTTP 413). Split it into smaller files.");
  await expect(page.getByLabel("CSV or Excel file")).toBeAttached();
});

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../lib/xlsx/fixtures", name));

test("upload an Excel workbook saved by LibreOffice, choose its sheet, map it and import it", async ({ page }) => {
  await signUp(page);
  await page.goto("/imports");
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "trade-show.xlsx", mimeType: XLSX, buffer: fixture("libreoffice.xlsx") });

  // The workbook's first sheet is a title only: the first sheet with leads is offered.
  await expect(page.getByTestId("detected-format")).toContainText("Excel workbook · sheet “Leads” · 9 columns");
  const sheet = page.getByLabel(/This workbook has 2 sheets with leads/);
  await expect(sheet.locator("option")).toHaveText(["Leads", "Old leads"]);
  await sheet.selectOption("Old leads");
  await expect(page.getByTestId("detected-format")).toContainText("sheet “Old leads” · 2 columns");
  await sheet.selectOption("Leads");
  await expect(page.getByLabel('Import "Submitted at" as')).toHaveValue("submittedAt");
  await expect(page.getByTestId("preview")).toContainText("ada@lovelace.example");
  await screenshot(page, "import-mapping-workbook");

  await page.getByRole("button", { name: "Import trade-show.xlsx" }).click();
  await expect(page.getByText("Import finished.")).toBeVisible();
  const counts = page.getByTestId("import-counts").first();
  await expect(counts.getByTestId("count-rows")).toHaveText("5");
  await expect(counts.getByTestId("count-created")).toHaveText("4");
  await expect(counts.getByTestId("count-rejected")).toHaveText("1");
  await screenshot(page, "import-finished-workbook");

  await page.goto("/leads");
  await expect(page.getByRole("link", { name: "Katherine Johnson" })).toBeVisible();
});

test("old .xls files and password-protected workbooks are refused before anything is uploaded; a damaged one by the server", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 422/);
  await signUp(page);
  await page.goto("/imports");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  const uploads: string[] = [];
  page.on("request", (request) => request.url().includes("/api/imports") && uploads.push(request.url()));

  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "old.xls", mimeType: "application/vnd.ms-excel", buffer: fixture("libreoffice.xls") });
  await expect(alert).toHaveText(/^old.xls: This is an old Excel .xls file .* save it as .xlsx or CSV, and upload that.$/);
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "locked.xlsx", mimeType: XLSX, buffer: fixture("protected.xlsx") });
  await expect(alert).toContainText("locked.xlsx: This workbook is protected with a password");
  expect(uploads).toEqual([]);

  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "broken.xlsx", mimeType: XLSX, buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]) });
  await expect(alert).toContainText("broken.xlsx: This workbook could not be read: the file is damaged");
  await page.goto("/imports");
  await expect(page.getByText("No imports yet.")).toBeVisible();
});

test("another company's import ids answer 404", async ({ browser, consoleErrors }) => {
  consoleErrors.allow(/status of 404 .*\/imports\//);
  const owner = await browser.newPage();
  await signUp(owner);
  const upload = await owner.request.post("/api/imports", {
    multipart: { file: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("Email,Name\nann@example.com,Ann\n") } },
  });
  expect(upload.status()).toBe(202);
  const { import: created } = await upload.json();

  const stranger = await browser.newPage();
  await signUp(stranger);
  for (const path of [`/api/imports/${created.id}`, `/api/imports/${created.id}/rejected`]) {
    expect((await stranger.request.get(path)).status(), path).toBe(404);
  }
  expect((await stranger.request.delete(`/api/imports/${created.id}`)).status()).toBe(404);
  expect((await stranger.goto(`/imports/${created.id}`))?.status()).toBe(404);
  expect((await owner.request.get(`/api/imports/${created.id}`)).status()).toBe(200);
});

test("a wide file lists its mapped columns and collapses the rest; one past the column limit is refused with the limit", async ({ page }) => {
  await signUp(page);
  await page.goto("/imports");
  const headers = ["Email", "Job Title", ...Array.from({ length: 398 }, (_, i) => `Attribute${String(i).padStart(3, "0")}`)];
  const csv = `${headers.join(",")}\nana@example.com,CTO,${headers.slice(2).map((_, i) => `v${i}`).join(",")}\n`;
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "wide.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByTestId("detected-format")).toContainText("400 columns");
  await expect(page.getByRole("combobox")).toHaveCount(25);
  await expect(page.getByText("Preview of the first row", { exact: true })).toBeVisible();
  await screenshot(page, "import-mapping-wide");
  await page.getByRole("button", { name: "Show the other 375 columns (kept as extra data)" }).click();
  await expect(page.getByRole("combobox")).toHaveCount(400);
  await page.getByRole("button", { name: "Import wide.csv" }).click();
  await expect(page.getByText("Import finished.")).toBeVisible();

  await page.goto("/imports");
  const tooWide = `${Array.from({ length: 1001 }, (_, i) => (i === 0 ? "Email" : `C${i}`)).join(",")}\nana@example.com\n`;
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "too-wide.csv", mimeType: "text/csv", buffer: Buffer.from(tooWide) });
  await expect(page.getByRole("alert").filter({ hasText: /more than 1,000 columns, the most LeadRank reads/ })).toBeVisible();
});
