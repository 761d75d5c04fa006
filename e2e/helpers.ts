import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl } from "../playwright.config";

export const PASSWORD = "a long test passphrase";

export type Account = { email: string; password: string; companyName: string };

export function newAccount(label = "Company"): Account {
  const id = randomUUID().slice(0, 8);
  return { email: `${label.toLowerCase().replace(/\W+/g, "-")}-${id}@example.com`, password: PASSWORD, companyName: `${label} ${id}` };
}

/** Signs up through the form; `origin` names another app server than the one under test. */
export async function signUp(page: Page, account = newAccount(), { model, origin = "" }: { model?: RegExp; origin?: string } = {}): Promise<Account> {
  await page.goto(`${origin}/sign-up`);
  await page.getByLabel("Company name").fill(account.companyName);
  await page.getByLabel("Your name").fill("Test Owner");
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  if (model) await page.getByRole("radio", { name: model }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return account;
}

export async function signIn(page: Page, { email, password }: Pick<Account, "email" | "password">) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Uploads a CSV through the API as the signed-in user and waits until its import has succeeded; returns the import id. */
export async function importCsv(page: Page, name: string, csv: string | Buffer, { timeout, kind = "leads" }: { timeout?: number; kind?: "leads" | "activities" } = {}): Promise<string> {
  const upload = await page.request.post("/api/imports", { multipart: { kind, file: { name, mimeType: "text/csv", buffer: Buffer.from(csv) } } });
  expect(upload.status()).toBe(202);
  const { import: created } = await upload.json();
  await expect.poll(async () => (await (await page.request.get(`/api/imports/${created.id}`)).json()).import.status, { timeout }).toBe("succeeded");
  return created.id;
}

/**
 * Starts a second production server of the built app on `port`, beside the one under test
 * (same build, same database, its own settings), and waits until it answers. It takes no
 * imports, so that the other tests' imports stay with the server under test (this one may be
 * cut off from the database on purpose). Call `stop()` when done, or `crash()` to kill it and
 * everything it started at once, as a power cut or the kernel's OOM killer would.
 */
export async function startAppServer(port: number, env: Record<string, string>) {
  const origin = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "start"], {
    env: {
      ...process.env,
      DATABASE_URL: e2eDatabaseUrl,
      PORT: String(port),
      NEXTAUTH_URL: origin,
      NEXTAUTH_SECRET: `e2e-secret-${port}`,
      LEADRANK_DATA_DIR: path.join(os.tmpdir(), `leadrank-e2e-${port}`),
      NEXT_TELEMETRY_DISABLED: "1",
      LEADRANK_IMPORT_WORKER: "off",
      ...env,
    },
    // Its errors go to the test output, so a crash shows there.
    stdio: ["ignore", "ignore", "inherit"],
    // Its own process group, so that crash() reaches Next.js's server too.
    detached: true,
  });
  const stop = () => void server.kill("SIGTERM");
  const crash = async () => {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    process.kill(-server.pid!, "SIGKILL");
    await exited;
  };
  let exited = false;
  server.once("exit", () => (exited = true));
  try {
    await expect
      .poll(async () => {
        if (exited) throw new Error(`The app server on port ${port} exited while starting (its errors are above).`);
        return (await fetch(`${origin}/api/health`).catch(() => null))?.status;
      }, { timeout: 90_000 })
      .toBe(200);
  } catch (error) {
    stop();
    throw error;
  }
  return { origin, stop, crash };
}

/** Saves a full-page screenshot under test-results/screenshots for a person to look at. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join("test-results", "screenshots", `${name}.png`), fullPage: true });
}

/** Runs SQL against the database of the app under test (used to seed data the UI cannot create yet). */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function seedLead(ownerEmail: string, lead: { fullName: string; score: number }): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Lead" ("companyId", email, "fullName", "submittedAt", "rawPoints", score, grade, breakdown)
     SELECT m."companyId", $2, $3, now(), $4, $4, 'A', '[]' FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1
     RETURNING id`,
    [ownerEmail, `${randomUUID().slice(0, 8)}@lead.example.com`, lead.fullName, lead.score],
  );
  return row.id;
}
