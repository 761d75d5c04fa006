import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  throw new Error(
    `End-to-end tests need Chromium at ${chromium}. Install it with \`sudo apt-get install chromium\` ` +
      `(Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium or Chrome binary.`,
  );
}

const port = Number(process.env.E2E_PORT || 3100);
export const baseURL = `http://localhost:${port}`;

// Without DATABASE_URL the app under test runs on a fresh embedded database on a known
// port, so the tests can reach it too (e2e/db.ts).
const embeddedPort = Number(process.env.E2E_DB_PORT || 54329);
export const e2eDatabaseUrl = process.env.DATABASE_URL || `postgresql://postgres@127.0.0.1:${embeddedPort}/postgres?sslmode=disable`;
const dataDir = path.join(os.tmpdir(), `leadrank-e2e-${port}`);
// Each run starts from an empty embedded database (the config is also read by every worker).
if (process.env.TEST_WORKER_INDEX === undefined) fs.rmSync(dataDir, { recursive: true, force: true });

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // A production build, as users run it.
    command: "npx next build && npx tsx scripts/start.ts start",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production",
      LEADRANK_DATA_DIR: dataDir,
      LEADRANK_DB_PORT: String(embeddedPort),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
