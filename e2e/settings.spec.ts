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
  test(`choosing another active model re-scores the leads in the background and the dashboard follows (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signUp(page);
    await importCsv(page, "two.csv", CSV);
    // A second model, published through the API as another program would.
    const { model } = await (await page.request.post("/api/models", { data: { name: "Lab model", from: "lifescience-3d-invitro" } })).json();
    const published = await (await page.request.post(`/api/models/${model.id}/publish`, { data: {} })).json();
    await expect.poll(async () => (await (await page.request.get(`/api/scoring-jobs/${published.job.id}`)).json()).job.status).toBe("succeeded");

    await page.goto("/dashboard");
    await expect(page.getByTestId("top-leads").getByRole("listitem").first()).toContainText("Toni Tox");

    await page.goto("/settings");
    const picker = page.getByRole("form", { name: "Choose the active model" });
    await expect(picker.getByRole("radio", { name: /Lab model v1/ })).toBeChecked();
    await expect(page.getByRole("heading", { name: "Rules of Lab model v1" })).toBeVisible();
    await picker.getByRole("radio", { name: /B2B SaaS v1/ }).check();
    await picker.getByRole("button", { name: "Use this model" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Re-scoring your leads with version 1 in the background" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Rules of B2B SaaS v1" })).toBeVisible({ timeout: 15_000 });
    // Rules read with the fields' names, as the import and the lead page show them, with the model's own grades.
    await expect(page.getByTestId("scoring-model")).toContainText("Company size ≥ 10000");
    await expect(page.getByTestId("scoring-model")).toContainText("Job title mentions");
    await expect(page.getByTestId("scoring-model")).toContainText("A 80–100, B 60–79, C 40–59, D below 40");
    await expect(page.getByTestId("scoring-model")).not.toContainText("companySize");
    await screenshot(page, `${viewport.name}-settings-model`);

    await page.goto("/dashboard");
    await expect(page.getByTestId("top-leads").getByRole("listitem").first()).toContainText("Casey CTO");
  });
}

test("the template chosen at sign-up is the company's active model from the start", async ({ page }) => {
  await signUp(page, undefined, { model: /Life-science/ });
  await page.goto("/settings");
  await expect(page.getByRole("form", { name: "Choose the active model" }).getByRole("radio", { name: /Life-science 3D in-vitro v1/ })).toBeChecked();
  await expect(page.getByRole("heading", { name: /Rules of Life-science/ })).toBeVisible();
  await page.getByRole("link", { name: "Edit in the scoring studio" }).click();
  await expect(page.getByTestId("draft-status")).toContainText("Life-science 3D in-vitro v1 (published)");
});

test("a settings action after signing out in another tab sends the user to sign-in, saying the session ended", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings");
  const other = await page.context().newPage();
  await other.goto("/dashboard");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/sign-in/);

  const picker = page.getByRole("form", { name: "Choose the active model" });
  await picker.getByRole("button", { name: "Use this model" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings/);
  await expect(page.getByText("Your session has ended")).toBeVisible();
  await expect(page.getByRole("heading", { name: "LeadRank hit a problem" })).toHaveCount(0);
  await screenshot(page, "session-ended");
});
