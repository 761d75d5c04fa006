import { expect, test } from "./test";
import { importCsv, screenshot, signUp } from "./helpers";

// A HubSpot-style export with a lifecycle stage, one of whose values no rule knows.
const HUBSPOT = [
  "First Name,Last Name,Email,Job Title,Company Name,Lifecycle Stage",
  "Ana,Silva,ana@fintech.pt,CEO,Fintech PT,customer",
  "Bo,Berg,bo@saas.de,CTO,SaaS DE,Closed Lost",
  "Cy,Chen,cy@retail.com,Developer,Retail Co,lead",
  "Di,Diaz,di@fans.io,Community Lead,Fans IO,Evangelist",
  "Ed,Eze,ed@other.io,Analyst,Other IO,Nurture",
].join("\n");

test("outcomes come in from a CRM export's lifecycle column, with unknown values chosen or counted, and are set on leads", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUp(page);
  await page.goto("/imports");
  await page.getByLabel("CSV or Excel file").setInputFiles({ name: "hubspot.csv", mimeType: "text/csv", buffer: Buffer.from(HUBSPOT) });
  await expect(page.getByRole("combobox", { name: 'Import "Lifecycle Stage" as' })).toHaveValue("outcome");
  const values = page.getByTestId("outcome-values");
  await expect(values.getByRole("combobox", { name: 'Outcome for "customer"' })).toHaveValue("won");
  await expect(values.getByRole("combobox", { name: 'Outcome for "Closed Lost"' })).toHaveValue("lost");
  await expect(values.getByText("Not recognised")).toHaveCount(2);
  // Evangelists are this company's happy customers; "Nurture" is left as it is.
  await values.getByRole("combobox", { name: 'Outcome for "Evangelist"' }).selectOption("won");
  await screenshot(page, "import-outcome-values");
  await page.getByRole("button", { name: "Import hubspot.csv" }).click();
  await expect(page.getByTestId("count-created").first()).toHaveText("5");
  await expect(page.getByTestId("unknown-outcomes").first()).toContainText("“Nurture” (1) — kept open");

  await page.goto("/leads?outcome=won");
  const table = page.getByTestId("leads-table");
  await expect(table.getByRole("row")).toHaveCount(3); // header + Ana + Di
  await page.goto("/leads");
  // The ticked leads are marked at once.
  await table.getByRole("checkbox", { name: "Tick Cy Chen" }).check();
  await table.getByRole("checkbox", { name: "Tick Ed Eze" }).check();
  await page.getByRole("button", { name: "Mark lost" }).click();
  await expect(table.getByRole("row", { name: /Cy Chen/ }).getByTestId("outcome")).toHaveText("Lost");
  await expect(table.getByRole("row", { name: /Ed Eze/ }).getByTestId("outcome")).toHaveText("Lost");
  await screenshot(page, "leads-outcomes");

  // On the lead page: reopen, then won.
  await table.getByRole("link", { name: "Cy Chen" }).click();
  const outcome = page.getByTestId("lead-outcome");
  await expect(outcome).toContainText("Lost");
  await outcome.getByRole("button", { name: "Mark won" }).click();
  await expect(outcome).toContainText("Won");
  await expect(outcome.getByRole("button", { name: "Mark won" })).toHaveCount(0);

  // The export carries the outcome.
  const csv = await (await page.request.get("/api/leads/export")).text();
  expect(csv.split("\n")[0]).toContain("Outcome");
  expect(csv).toMatch(/cy@retail\.com.*won/);
});

test("insights show how well the score predicts the won and lost leads, and what they still need", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUp(page);
  await page.goto("/insights");
  await expect(page.getByRole("heading", { name: "No won or lost leads yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import your CRM export" })).toBeVisible();

  await importCsv(page, "few.csv", "Email,Job Title,Lifecycle Stage\na@x.com,CEO,customer\nb@x.com,Intern,closed lost\n");
  await page.goto("/insights");
  await expect(page.getByTestId("auc")).toContainText("Needs 19 more won and 19 more lost leads.");

  // A CRM export where senior titles close more often.
  const titles = ["CEO", "CTO", "VP Sales", "Director", "Engineer", "Developer", "Analyst", "Intern"];
  const rows = Array.from({ length: 240 }, (_, i) => {
    const senior = i % 8 < 4;
    const stage = (i * 7) % 10 < (senior ? 7 : 2) ? "customer" : "closed lost";
    return `lead${i}@example.com,${titles[i % 8]},${(i * 997) % 20000},SaaS,Berlin,${stage}`;
  });
  await importCsv(page, "crm.csv", ["Email,Job Title,Company Size,Industry,Location,Lifecycle Stage", ...rows].join("\n"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
  await expect(page.getByTestId("auc")).toContainText("95% interval");
  await expect(page.getByTestId("insights-summary")).toContainText("242");
  await expect(page.getByTestId("by-grade").getByRole("row")).toHaveCount(5);
  await expect(page.getByTestId("by-rule")).toContainText("Job title mentions CTO, CEO, Founder");

  // A better model, checked on held-out leads, opened as a draft and previewed in the studio.
  await page.getByRole("button", { name: "Suggest a better model" }).click();
  const suggestion = page.getByTestId("suggestion");
  await expect(suggestion).toContainText("On leads held out from fitting");
  await expect(page.getByTestId("suggestion-diff").getByRole("listitem").first()).toBeVisible();
  await screenshot(page, "desktop-insights");
  await suggestion.getByRole("button", { name: "Open as draft in the studio" }).click();
  await expect(page).toHaveURL(/\/scoring\?model=/);
  await expect(page.getByTestId("draft-status")).toContainText("Draft of version 1");
  await expect(page.getByLabel("Model name")).toHaveValue("B2B SaaS (suggested)");
  await page.getByRole("button", { name: "Preview impact" }).click();
  await expect(page.getByTestId("preview-outcomes")).toContainText("the draft ranks");
  await page.goto("/insights");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "phone-insights");
});
