import { expect, test } from "./test";
import { screenshot, signUp } from "./helpers";

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
  await page.getByLabel("CSV file").setInputFiles({ name: "hubspot.csv", mimeType: "text/csv", buffer: Buffer.from(HUBSPOT) });
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
