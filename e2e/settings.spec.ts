import { expect, test } from "./test";
import { importCsv, screenshot, signUp } from "./helpers";

const CSV = [
  "Email,Full Name,Job Title,Company Size,Industry,Location,Uses in vitro models,Open to NAMs,In biotech hub,Published DILI paper",
  "cto@example.com,Casey CTO,CTO,12000,SaaS,Berlin,no,no,no,no",
  "tox@example.com,Toni Tox,Head of Toxicology,800,Pharmaceuticals,Boston,yes,yes,yes,yes",
].join("\n");

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`choosing another scoring model re-scores the leads and the dashboard follows (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signUp(page);
    await importCsv(page, "two.csv", CSV);

    await page.goto("/dashboard");
    await expect(page.getByTestId("top-leads").getByRole("listitem").first()).toContainText("Casey CTO");

    await page.goto("/settings");
    const picker = page.getByRole("form", { name: "Choose the scoring model" });
    await expect(picker.getByRole("radio", { name: /B2B SaaS/ })).toBeChecked();
    // Rules read with the fields' names, as the import and the lead page show them.
    await expect(page.getByTestId("scoring-model")).toContainText("Company size ≥ 10000");
    await expect(page.getByTestId("scoring-model")).toContainText("Job title mentions");
    await expect(page.getByTestId("scoring-model")).not.toContainText("companySize");
    await picker.getByRole("radio", { name: /Life-science/ }).check();
    await picker.getByRole("button", { name: "Use this model" }).click();
    await expect(page.getByRole("status")).toContainText("2 leads re-scored");
    await expect(page.getByRole("heading", { name: /Rules of Life-science/ })).toBeVisible();
    await screenshot(page, `${viewport.name}-settings-model`);

    await page.goto("/dashboard");
    await expect(page.getByTestId("top-leads").getByRole("listitem").first()).toContainText("Toni Tox");
  });
}

test("the scoring model chosen at sign-up is the company's model from the start", async ({ page }) => {
  await signUp(page, undefined, { model: /Life-science/ });
  await page.goto("/settings");
  await expect(page.getByRole("form", { name: "Choose the scoring model" }).getByRole("radio", { name: /Life-science/ })).toBeChecked();
  await expect(page.getByRole("heading", { name: /Rules of Life-science/ })).toBeVisible();
});

test("a settings action after signing out in another tab sends the user to sign-in, saying the session ended", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings");
  const other = await page.context().newPage();
  await other.goto("/dashboard");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/sign-in/);

  const picker = page.getByRole("form", { name: "Choose the scoring model" });
  await picker.getByRole("radio", { name: /Life-science/ }).check();
  await picker.getByRole("button", { name: "Use this model" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings/);
  await expect(page.getByText("Your session has ended")).toBeVisible();
  await expect(page.getByRole("heading", { name: "LeadRank hit a problem" })).toHaveCount(0);
  await screenshot(page, "session-ended");
});
