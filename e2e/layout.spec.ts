import { expect, test, type Page } from "./test";
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
    for (const path of ["/", "/sign-in", "/sign-up", "/forgot-password", "/docs/api"]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
      await screenshot(page, `${viewport.name}${path === "/" ? "-home" : path.replaceAll("/", "-")}`);
    }
    await signUp(page);
    for (const path of ["/dashboard", "/leads", "/imports", "/scoring", "/insights", "/team", "/audit", "/settings"]) {
      await page.goto(path);
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav).toBeVisible();
      // Every destination shows on the screen, none cut off at its edge.
      for (const link of await nav.getByRole("link").all()) {
        const box = (await link.boundingBox())!;
        expect(box.x >= 0 && box.x + box.width <= viewport.width, `${await link.textContent()} is on the screen`).toBe(true);
      }
      if (path === "/settings") await expect(page.getByTestId("scoring-model")).toContainText("Rules of B2B SaaS");
      await expectNoHorizontalScroll(page);
      await screenshot(page, `${viewport.name}${path.replaceAll("/", "-")}`);
    }
  });
}

test("the browser tab shows LeadRank's icon, and the app can be installed with its name and colour", async ({ page, request }) => {
  await page.goto("/sign-in");
  const icon = page.locator("head link[rel='icon'][type='image/svg+xml']");
  await expect(icon).toHaveAttribute("href", /^\/icon\.svg/);
  await expect(page.locator("head link[rel='apple-touch-icon']")).toHaveAttribute("href", /^\/apple-icon\.png/);
  await expect(page.locator("head meta[name='theme-color']")).toHaveAttribute("content", "#4f46e5");
  const manifestHref = await page.locator("head link[rel='manifest']").getAttribute("href");
  const manifest = await (await request.get(manifestHref!)).json();
  expect(manifest).toMatchObject({ name: "LeadRank", theme_color: "#4f46e5", start_url: "/dashboard" });
  for (const { src, type } of manifest.icons as { src: string; type: string }[]) {
    const answer = await request.get(src);
    expect(answer.status(), src).toBe(200);
    expect(answer.headers()["content-type"], src).toContain(type);
  }
  // Browsers and crawlers still ask for /favicon.ico by name.
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
});
