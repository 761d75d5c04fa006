import { expect, test } from "./test";
import { baseURL } from "../playwright.config";
import { newAccount, screenshot, signIn, signUp } from "./helpers";

test("a new company signs up, signs out and signs in again", async ({ page }) => {
  const account = newAccount("Acme");
  await page.goto("/sign-up");
  await screenshot(page, "sign-up");
  await signUp(page, account);
  await expect(page.getByTestId("company-name")).toHaveText(account.companyName);
  await expect(page.getByRole("heading", { name: "No leads yet" })).toBeVisible();
  await screenshot(page, "dashboard-empty");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await screenshot(page, "sign-in");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);

  await signIn(page, account);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("company-name")).toHaveText(account.companyName);
});

test("a wrong password is refused with the same message as an unknown email", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 401 .*\/api\/auth\/callback\/credentials/);
  const account = await signUp(page);
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await signIn(page, { email: account.email, password: "not the right password" });
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Wrong email or password.");
  await signIn(page, { email: `nobody-${account.email}`, password: account.password });
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Wrong email or password.");
  await screenshot(page, "sign-in-wrong-password");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("signing up twice with one email says the account exists", async ({ page }) => {
  const account = await signUp(page);
  await page.context().clearCookies();
  await page.goto("/sign-up");
  await page.getByLabel("Company name").fill("Copycat");
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Work email").fill(account.email.toUpperCase());
  await page.getByLabel("Password").fill("another long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
  await expect(page.getByLabel("Company name")).toHaveValue("Copycat");
});

test("sign-up explains the password rules", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Company name").fill("Short Co");
  await page.getByLabel("Your name").fill("Shorty");
  await page.getByLabel("Work email").fill(newAccount().email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("Password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/too common/)).toBeVisible();
  await screenshot(page, "sign-up-errors");
});

test("a signed-out visitor is sent to sign-in and brought back to the page afterwards", async ({ page, browser }) => {
  const account = await signUp(page);
  const visitor = await browser.newPage();
  await visitor.goto("/leads?page=1");
  await expect(visitor).toHaveURL(/\/sign-in\?callbackUrl=%2Fleads%3Fpage%3D1$/);
  await expect(visitor.getByText("Please sign in to continue.")).toBeVisible();
  await signIn(visitor, account);
  await expect(visitor).toHaveURL(/\/leads\?page=1$/);
  await expect(visitor.getByRole("heading", { name: "Leads", exact: true })).toBeVisible();
});

test("API routes answer 401 JSON without a session", async ({ request }) => {
  for (const path of ["/api/leads", "/api/leads/00000000-0000-0000-0000-000000000000"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in or send an API token to use this API." } });
  }
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).ok).toBe(true);
});

test("repeated failed sign-ins are throttled with a message saying how long to wait", async ({ page, request, consoleErrors }) => {
  consoleErrors.allow(/status of (401|429) .*\/api\/auth\/callback\/credentials/);
  const account = await signUp(page);
  await page.context().clearCookies();
  await page.goto("/sign-in");
  for (let attempt = 0; attempt < 5; attempt++) {
    await signIn(page, { email: account.email, password: `wrong password ${attempt}` });
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("Wrong email or password.");
  }
  await signIn(page, account);
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(/Too many failed sign-in attempts\. Try again in 1[45] minutes\./);

  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, json: "true" },
  });
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await response.json()).error.code).toBe("too_many_attempts");
});

test("after sign-in, a callback that leaves LeadRank's origin goes to the dashboard instead", async ({ page }) => {
  await signUp(page);
  for (const callback of ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%5C%2Fevil.example", "%2F.%2F%2Fevil.example", "https%3A%2F%2Fevil.example"]) {
    const answer = await page.request.get(`/sign-in?callbackUrl=${callback}`, { maxRedirects: 0 });
    expect(answer.status(), callback).toBe(307);
    expect(answer.headers().location, callback).toBe("/dashboard");
  }
  const own = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent("/leads?q=cto")}`, { maxRedirects: 0 });
  expect(own.headers().location).toBe("/leads?q=cto");
});

test("signing out stays on the address the user opened, whatever NEXTAUTH_URL names", async ({ page }) => {
  // The server under test has NEXTAUTH_URL=http://localhost:…; this user opens it by IP.
  const origin = baseURL.replace("localhost", "127.0.0.1");
  await signUp(page, newAccount("ByIp"), { origin });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${origin}/sign-in`);
  expect((await page.request.get(`${origin}/api/leads`)).status()).toBe(401);
});
