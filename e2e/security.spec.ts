import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "./test";
import { baseURL } from "../playwright.config";
import { signInOverHttp } from "../scripts/sign-in-over-http";
import { importCsv, screenshot, signUp, sql, startAppServer } from "./helpers";

const SESSION_COOKIE = "next-auth.session-token";

/** Collects what the browser reports as blocked by the Content-Security-Policy. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test("pages and API answers carry the security headers, and every page works under its CSP", async ({ page, request }) => {
  const violations = cspViolations(page);
  const landing = await request.get("/");
  const headers = landing.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
  // A fresh nonce for every response.
  expect((await request.get("/")).headers()["content-security-policy"]).not.toBe(headers["content-security-policy"]);
  expect((await request.get("/api/health")).headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

  // Sign-up signs in and opens the dashboard from the browser's scripts: they ran under the policy.
  await signUp(page);
  const importId = await importCsv(page, "two.csv", "Email,Full Name,Job Title\nann@example.com,Ann Lee,CTO\nbo@example.com,Bo Park,Engineer\n");
  await page.goto("/dashboard");
  await expect(page.locator("figure[aria-label^='Leads submitted per day over the last 30 days']")).toBeVisible();
  await page.getByRole("link", { name: "90 days" }).click();
  await expect(page.locator("figure[aria-label^='Leads submitted per day over the last 90 days']")).toBeVisible();
  for (const path of ["/leads", "/imports", `/imports/${importId}`, "/settings"]) {
    await page.goto(path);
    await expect(page.getByRole("heading").first()).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test("signing out ends the session: a copy of the cookie is refused afterwards, and so is a tampered one", async ({ browser, page }) => {
  await signUp(page);
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === SESSION_COOKIE);
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");

  const copy = await browser.newContext({ baseURL });
  await copy.addCookies([cookie]);
  expect((await copy.request.get("/api/leads")).status()).toBe(200);

  const tampered = await browser.newContext({ baseURL });
  const value = cookie.value;
  const flipped = value.slice(0, 40) + (value[40] === "A" ? "B" : "A") + value.slice(41);
  await tampered.addCookies([{ ...cookie, value: flipped }]);
  expect((await tampered.request.get("/api/leads")).status()).toBe(401);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  const after = await copy.request.get("/api/leads");
  expect(after.status()).toBe(401);
  const copyPage = await copy.newPage();
  await copyPage.goto("/dashboard");
  await expect(copyPage).toHaveURL(/\/sign-in/);
  await copy.close();
  await tampered.close();
});

test("a state-changing API request from another site is refused", async ({ page }) => {
  await signUp(page);
  const response = await page.request.post("/api/imports", {
    headers: { Origin: "https://evil.example" },
    multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("Email\na@example.com\n") } },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("cross_site");
  expect(await (await page.request.get("/api/imports")).json()).toMatchObject({ imports: [] });
});

test("a server action posted from another site is refused and changes nothing", async ({ page }) => {
  await signUp(page);
  const { model } = await (await page.request.post("/api/models", { data: { name: "Lab model", from: "lifescience-3d-invitro" } })).json();
  const published = await (await page.request.post(`/api/models/${model.id}/publish`, { data: {} })).json();
  await expect.poll(async () => (await (await page.request.get(`/api/scoring-jobs/${published.job.id}`)).json()).job.status).toBe("succeeded");
  await page.goto("/settings");
  const picker = page.getByRole("form", { name: "Choose the active model" });
  const modelShown = async () => {
    await page.goto("/settings");
    return page.getByRole("heading", { name: /^Rules of / }).textContent();
  };
  const choose = async (model: RegExp) => {
    await picker.getByRole("radio", { name: model }).check();
    await picker.getByRole("button", { name: "Use this model" }).click();
    await expect(page.getByRole("status").filter({ hasText: "in the background" })).toBeVisible();
    await expect.poll(modelShown).toMatch(model);
  };
  // The browser's own call of the action, captured to be sent again.
  const captured = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await choose(/B2B SaaS/);
  const action = await captured;

  const replay = (origin: string) =>
    page.request.post("/settings", {
      headers: { ...action.headers(), origin },
      data: action.postDataBuffer() ?? undefined,
      maxRedirects: 0,
    });
  const crossSite = await replay("https://evil.example");
  expect(crossSite.ok()).toBe(false);
  expect(await modelShown()).toMatch(/B2B SaaS/);
  await expect.poll(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "ScoringJob" WHERE "companyId" = (SELECT "companyId" FROM "ScoringModel" WHERE id = $1)`, [model.id]))[0].n).toBe(2);
  // The same request from LeadRank's own origin goes through, so the refusal above was the Origin's
  // (after a switch away: choosing the model already active changes nothing and queues no re-score).
  await choose(/Lab model/);
  expect((await replay(baseURL)).ok()).toBe(true);
  await expect.poll(async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "ScoringJob" WHERE "companyId" = (SELECT "companyId" FROM "ScoringModel" WHERE id = $1)`, [model.id]))[0].n).toBe(4);
  await expect.poll(modelShown).toMatch(/B2B SaaS/);
});

test("served over https, the session cookie is Secure, HttpOnly and SameSite=Lax, and it works", async ({ page }) => {
  test.setTimeout(150_000);
  const account = await signUp(page);
  const port = Number(process.env.E2E_HTTPS_PORT || 3108);
  // Behind a TLS proxy, NEXTAUTH_URL names the public https address; the server itself speaks http.
  const server = await startAppServer(port, { NEXTAUTH_URL: `https://localhost:${port}` });
  try {
    const signIn = await signInOverHttp(server.origin, account);
    expect(signIn.csrfCookies.join()).toMatch(/^__Host-next-auth\.csrf-token=/);
    const session = signIn.setCookies.find((cookie) => cookie.startsWith(`__Secure-${SESSION_COOKIE}=`));
    expect(session, "a __Secure- session cookie").toBeDefined();
    const attributes = session!.split(";").slice(1).map((attribute) => attribute.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));

    const leads = await fetch(`${server.origin}/api/leads`, { headers: { cookie: session!.split(";")[0] } });
    expect(leads.status).toBe(200);
    // The plain-http cookie name is not accepted there.
    const plain = await fetch(`${server.origin}/api/leads`, { headers: { cookie: session!.split(";")[0].replace("__Secure-", "") } });
    expect(plain.status).toBe(401);
  } finally {
    server.stop();
  }
});

test("HTML and scripts in a CSV are shown as text everywhere, never run", async ({ page }) => {
  await signUp(page);
  const payload = `<img src=x onerror="window.__leadrankXss=1">`;
  const csv = `Email,Full Name,Job Title,Company\nxss@example.com,"${payload.replace(/"/g, '""')}",<script>window.__leadrankXss=2</script>,<b>Bold Inc</b>\n`;
  await importCsv(page, "<i>x</i>.csv", csv);

  for (const path of ["/dashboard", "/leads", "/imports"]) {
    await page.goto(path);
    await expect(page.locator("img[src=x]")).toHaveCount(0);
  }
  await page.goto("/leads");
  await page.getByRole("link", { name: payload }).click();
  await expect(page.getByText("<script>window.__leadrankXss=2</script>").first()).toBeVisible();
  await expect(page.getByText("<b>Bold Inc</b>").first()).toBeVisible();
  await expect(page.locator("b", { hasText: "Bold Inc" })).toHaveCount(0);
  await screenshot(page, "lead-with-html");
  expect(await page.evaluate(() => (window as unknown as { __leadrankXss?: number }).__leadrankXss)).toBeUndefined();
});

test("control characters in a search are ignored, and in an upload's headers refused with 400, never a server error", async ({ page }) => {
  await signUp(page);
  const malformed = await page.request.post("/api/imports", { multipart: { file: { name: "ann\u0000.csv", mimeType: "text/csv", buffer: Buffer.from("Email\na@b.co\n") } } });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.message).toMatch(/not well-formed multipart/);
  await importCsv(page, "ann.csv", "Email,Full Name\nann@example.com,Ann Bee\n");
  for (const q of ["a%00b", "%00", "ann%00", "%1B%5B31m", "%0D%0Aann"]) {
    const api = await page.request.get(`/api/leads?q=${q}`);
    expect(api.status(), q).toBe(200);
    const exported = await page.request.get(`/api/leads/export?q=${q}`);
    expect(exported.status(), q).toBe(200);
    expect(await exported.text()).toContain("Rank");
  }
  expect((await (await page.request.get("/api/leads?q=an%00n")).json()).total).toBe(1);
  await page.goto("/leads?q=%00");
  await expect(page.getByRole("link", { name: "Ann Bee" })).toBeVisible();
});

test("every 405 names the methods the path takes, and TRACE is one of them nowhere", async ({ request }) => {
  for (const [method, path, allow] of [
    ["TRACE", "/api/leads", "GET, HEAD, OPTIONS"],
    ["TRACE", "/dashboard", "GET, HEAD, POST"],
    ["PROPFIND", "/api/health", "GET, HEAD, OPTIONS"],
    ["PUT", "/api/leads", "GET, HEAD, OPTIONS"],
    ["DELETE", "/api/models", "GET, POST, HEAD, OPTIONS"],
  ]) {
    const response = await request.fetch(path, { method });
    expect(response.status(), `${method} ${path}`).toBe(405);
    expect(response.headers().allow, `${method} ${path}`).toBe(allow);
    expect((await response.json()).error.code).toBe("method_not_allowed");
  }
});

/** A failed sign-in sent with this X-Forwarded-For. */
async function failedSignIn(origin: string, forwardedFor: string): Promise<void> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": forwardedFor },
    body: new URLSearchParams({ csrfToken, email: `nobody-${randomUUID().slice(0, 8)}@example.com`, password: "wrong wrong wrong", json: "true" }),
  });
  expect(response.status).toBe(401);
}

const countedAgainst = async (...addresses: string[]) =>
  (await sql<{ key: string }>(`SELECT "key" FROM "LoginThrottle" WHERE "key" = ANY($1::text[])`, [addresses.map((a) => `ip:${a}`)])).map((row) => row.key.slice(3));

test("the sign-in limit per address counts the connection's address, not one the client writes, unless a proxy is trusted", async () => {
  test.setTimeout(120_000);
  await failedSignIn(baseURL, "203.0.113.77");
  expect(await countedAgainst("203.0.113.77")).toEqual([]);
  expect((await countedAgainst("127.0.0.1", "::1")).length).toBeGreaterThan(0);

  // Behind one trusted proxy, the address that proxy added is the client's; what the client wrote before it is not.
  const behindProxy = await startAppServer(3197, { LEADRANK_TRUST_PROXY: "1" });
  try {
    await failedSignIn(behindProxy.origin, "198.51.100.1, 203.0.113.78");
    expect(await countedAgainst("198.51.100.1", "203.0.113.78")).toEqual(["203.0.113.78"]);
  } finally {
    behindProxy.stop();
  }
});
