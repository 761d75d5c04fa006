import { test as base, expect, type BrowserContext } from "@playwright/test";

export { expect };
export type { Page } from "@playwright/test";

/**
 * Every browser test fails when a page logs a console error or throws one it did not expect:
 * a missing icon, a hydration mismatch or a script blocked by the CSP is a defect a user's
 * browser shows, even when the page looks right. A test that provokes an error on purpose
 * (a 404 page, the database going away) names it with `consoleErrors.allow(/…/)`.
 */
export class ConsoleErrors {
  private readonly seen: string[] = [];
  private readonly allowed: RegExp[] = [];

  allow(...patterns: RegExp[]) {
    this.allowed.push(...patterns);
  }

  watch(context: BrowserContext) {
    context.on("console", (message) => {
      if (message.type() === "error") this.seen.push(`${message.text()} (${message.location().url || message.page()?.url()})`);
    });
    context.on("weberror", (error) => this.seen.push(`page error: ${error.error().message} (${error.page()?.url()})`));
  }

  unexpected(): string[] {
    return this.seen.filter((text) => !this.allowed.some((pattern) => pattern.test(text)));
  }
}

export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ context, browser }, runTest) => {
      const errors = new ConsoleErrors();
      errors.watch(context);
      // Contexts and pages the test opens itself are watched too (newPage goes through newContext).
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const created = await newContext.apply(browser, args);
        errors.watch(created);
        return created;
      };
      try {
        await runTest(errors);
      } finally {
        browser.newContext = newContext;
      }
      expect(errors.unexpected(), "console errors or page errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});
