import { expect, test } from "./test";
import { e2eDatabaseUrl } from "../playwright.config";
import { relayTo } from "../lib/db/test-relay";
import { newAccount, signUp, startAppServer } from "./helpers";

/**
 * The database goes away while LeadRank runs, and comes back. A second app server reaches the
 * test database through a TCP relay this test can cut (lib/db/test-relay.ts).
 */

const APP_PORT = Number(process.env.E2E_FAULTS_PORT || 3107);
const app = `http://localhost:${APP_PORT}`;

test("with the database down, pages and API say so, health reports it, and all recovers without a restart", async ({ page, playwright, consoleErrors }) => {
  test.setTimeout(180_000);
  // The error page itself: its 500 and React's report of the server error it shows.
  consoleErrors.allow(/status of 500 .*\/leads\)$/, /Minified React error #441/);
  const target = new URL(e2eDatabaseUrl);
  const relay = relayTo(target);
  await relay.up();
  const through = new URL(e2eDatabaseUrl);
  through.hostname = "127.0.0.1";
  through.port = String(relay.port);

  let server: { stop(): void } | undefined;
  try {
    server = await startAppServer(APP_PORT, { DATABASE_URL: through.toString() });
    await signUp(page, newAccount("Faults"), { origin: app });

    // A new request context for the API calls from here on, signed in as the page is: the
    // page's own one may hold a kept-alive connection the server has just timed out (ECONNRESET).
    const api = await playwright.request.newContext({ storageState: await page.context().storageState() });
    await relay.down();
    const health = await api.get(`${app}/api/health`);
    expect(health.status()).toBe(503);
    expect((await health.json()).error.code).toBe("database_unavailable");
    const leads = await api.get(`${app}/api/leads`);
    expect(leads.status()).toBe(503);
    expect((await leads.json()).error).toEqual({ code: "database_unavailable", message: "LeadRank cannot reach its database right now. Please try again in a moment." });
    await page.goto(`${app}/leads`);
    await expect(page.getByRole("heading", { name: "LeadRank hit a problem" })).toBeVisible();
    await expect(page.getByText("the database is briefly unreachable")).toBeVisible();

    await relay.up();
    await expect.poll(async () => (await api.get(`${app}/api/health`)).status(), { timeout: 30_000 }).toBe(200);
    expect((await api.get(`${app}/api/leads`)).status()).toBe(200);
    await api.dispose();
    await page.goto(`${app}/leads`);
    await expect(page.getByRole("heading", { name: "Leads", exact: true })).toBeVisible();
  } finally {
    server?.stop();
    await relay.down();
  }
});
