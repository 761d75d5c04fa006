import AxeBuilder from "@axe-core/playwright";
import { sampleCsvBytes } from "../lib/sample-data/generate";
import { expect, test, type Page } from "./test";
import { importCsv, screenshot, signUp } from "./helpers";

/**
 * Every page, at desktop and phone widths, checked by axe-core: the test fails on any serious or
 * critical violation (links told apart by colour alone, scroll areas a keyboard cannot reach,
 * buttons whose accessible name does not contain their visible text, …) and on a page without
 * its `main` landmark.
 */
const viewports = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
];

async function violations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    // Off by default in axe-core: a button's visible text must be part of its accessible name (WCAG 2.5.3).
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id === "landmark-one-main" || v.id === "label-content-name-mismatch")
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

for (const viewport of viewports) {
  test(`every page passes axe-core on a ${viewport.name} screen`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    const found: string[] = [];
    const check = async (path: string) => {
      if (page.url() !== new URL(path, page.url() === "about:blank" ? "http://localhost" : page.url()).href) await page.goto(path);
      await page.waitForLoadState("networkidle");
      found.push(...(await violations(page, `${viewport.name} ${path}`)));
      await screenshot(page, `axe-${viewport.name}${path === "/" ? "-home" : path.split("?")[0].replace(/[0-9a-f-]{36}/, "id").replaceAll("/", "-")}`);
    };

    for (const path of ["/", "/sign-in", "/sign-up", "/forgot-password", "/reset-password/not-a-real-link", "/invite/not-a-real-link", "/docs/api"]) await check(path);

    await signUp(page);
    const importId = await importCsv(page, "sample.csv", await sampleCsvBytes({ rows: 300, seed: 11, endDate: new Date() }), { timeout: 60_000 });
    for (const path of ["/dashboard", "/leads", "/imports", `/imports/${importId}`, "/insights", "/team", "/audit", "/settings"]) await check(path);

    await page.goto("/leads");
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/leads\/[\w-]+$/);
    await check(new URL(page.url()).pathname);

    // The studio with a draft open: every control of the rule editor.
    await page.goto("/scoring");
    await page.getByLabel("New model").fill("Accessible model");
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page.getByTestId("draft-status")).toContainText("Draft of version 1");
    await check(`/scoring${new URL(page.url()).search}`);

    expect(found, found.join("\n")).toEqual([]);
  });
}
