import { expect, test, type Page } from "@playwright/test";
import { screenshot, signUp } from "./helpers";

const viewports = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
];

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(0);
}

for (const viewport of viewports) {
  test(`every page fits a ${viewport.name} screen (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    for (const path of ["/", "/sign-in", "/sign-up"]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `${viewport.name}${path === "/" ? "-home" : path.replace("/", "-")}`);
    }
    await signUp(page);
    for (const path of ["/dashboard", "/leads", "/imports", "/settings"]) {
      await page.goto(path);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
      if (path === "/settings") await expect(page.getByTestId("scoring-model")).toContainText("Rules of B2B SaaS");
      await expectNoHorizontalScroll(page);
      await screenshot(page, `${viewport.name}${path.replace("/", "-")}`);
    }
  });
}
