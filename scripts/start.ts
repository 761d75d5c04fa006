/**
 * Starts LeadRank: `dev` (development), `start` (after `npm run build`) or
 * `demo` (build, demo account, start). Without DATABASE_URL it first starts the embedded
 * database on the data folder and stops it cleanly when the app exits.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { createAccount } from "@/lib/auth/accounts";
import { prisma } from "@/lib/db/client";
import { EmbeddedDatabaseError, startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { processImport } from "@/lib/imports/process-import";
import { createSampleImports } from "@/lib/sample-data/import-sample";
import { dataDir, ensureAuthSecret, loadDotEnv } from "@/lib/env";

const DEMO = { companyName: "Demo Company", name: "Demo User", email: "demo@example.com", password: "demo-password-2026" };

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start" && mode !== "demo") {
  console.error("Usage: tsx scripts/start.ts dev|start|demo");
  process.exit(2);
}

loadDotEnv();
const port = process.env.PORT || "3000";
process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";
const next = path.resolve("node_modules/.bin/next");

let embedded: EmbeddedDatabase | undefined;
if (!process.env.DATABASE_URL) {
  try {
    embedded = await startEmbeddedDatabase({
      dataDir: dataDir(),
      port: process.env.LEADRANK_DB_PORT ? Number(process.env.LEADRANK_DB_PORT) : undefined,
    });
  } catch (error) {
    console.error(`LeadRank cannot start its embedded database: ${(error as Error).message}`);
    if (!(error instanceof EmbeddedDatabaseError)) console.error(error);
    process.exit(1);
  }
  process.env.LEADRANK_EMBEDDED_URL = embedded.url;
}

try {
  const applied = await migrate(process.env.DATABASE_URL || embedded!.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (ensureAuthSecret().generated && mode === "start" && process.env.DATABASE_URL) {
    console.warn("NEXTAUTH_SECRET is not set: using a generated one kept in the data folder. Set it in production.");
  }
  if (mode === "demo") {
    const build = spawnSync(next, ["build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("The production build failed (see above).");
    await createDemoAccount();
  }
  await prisma.$disconnect();
} catch (error) {
  console.error(`LeadRank could not start: ${(error as Error).message}`);
  await embedded?.stop();
  process.exit(1);
}

// Its own process: the embedded database above must not share a thread with the requests.
const app = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", "scripts/serve.ts", mode === "dev" ? "dev" : "start"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: mode === "dev" ? "development" : "production" },
});
const database = embedded ? `the embedded database in ${path.resolve(dataDir())}` : "PostgreSQL from DATABASE_URL";
console.log(`\nLeadRank: http://localhost:${port}  (using ${database})`);
if (mode === "demo") console.log(`Demo login: ${DEMO.email} / ${DEMO.password}`);
console.log("Press Ctrl+C to stop.\n");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => app.kill(signal));
}
app.on("exit", async (code, signal) => {
  await embedded?.stop();
  process.exit(code ?? (signal ? 0 : 1));
});

/** The demo account, with 10,000 sample leads and their activities imported through the usual pipeline. */
async function createDemoAccount() {
  if (await prisma.user.findUnique({ where: { email: DEMO.email } })) return;
  const { userId, companyId } = await createAccount(DEMO);
  const imports = await createSampleImports(companyId, userId);
  await processImport(imports.leads);
  await processImport(imports.activities);
  console.log("Created the demo account with 10,000 sample leads and their activities.");
}
