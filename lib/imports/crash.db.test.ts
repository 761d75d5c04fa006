import { createCompany } from "@/lib/test-factories";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { afterAll, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { testEmail } from "@/lib/db/test-helpers";
import { writeSampleCsv } from "@/lib/sample-data/generate";

// This process plays another app instance whose worker looks for dead workers every second.
process.env.LEADRANK_LIVENESS_CHECK_SECONDS = "1";
const { importJob, WORKER_STOPPED } = await import("./queue");
const { recoverJobs, startWorkers, stopWorkers } = await import("@/lib/jobs/workers");
afterAll(() => stopWorkers());

it("keeps no lead of an import whose process is killed midway, and reports it failed within seconds", { timeout: 180_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-crash-"));
  const file = path.join(dir, "big.csv");
  const out = fs.createWriteStream(file);
  await writeSampleCsv(out, { rows: 200_000, seed: 99, endDate: new Date("2026-11-23T00:00:00Z") });
  out.end();
  await finished(out);
  const email = testEmail("crash");
  const company = await createCompany({ name: "Crash Co", memberships: { create: { role: "owner", user: { create: { email, name: "C", passwordHash: "x" } } } } });

  const env = { ...process.env, [inject("databaseKind") === "postgres" ? "DATABASE_URL" : "LEADRANK_EMBEDDED_URL"]: inject("databaseUrl") };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/import-leads.ts", "--email", email, "--file", file], { env, stdio: ["ignore", "pipe", "inherit"] });
  // The CLI says "Importing…" once the file is stored, just before the rows are written.
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("Importing") && resolve());
    child.on("exit", () => reject(new Error("The import finished before it could be interrupted.")));
  });
  if (inject("databaseKind") === "postgres") {
    // PostgreSQL shows the progress of the open transaction: kill once rows are being written.
    const progress = () => prisma.import.findFirst({ where: { companyId: company.id }, select: { processedRows: true } });
    await expect.poll(async () => (await progress())?.processedRows ?? 0, { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
  } else {
    // The embedded database answers no other connection during the import's transaction.
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));
  const killedAt = Date.now();
  const job = await prisma.import.findFirstOrThrow({ where: { companyId: company.id } });
  expect(job.status).toBe("running");
  expect(await prisma.lead.count({ where: { companyId: company.id } })).toBe(0);

  if (inject("databaseKind") === "postgres") {
    // Nothing restarts: another instance's worker, checking periodically, finds the lock free.
    await startWorkers([importJob]);
    await expect.poll(async () => (await prisma.import.findUniqueOrThrow({ where: { id: job.id } })).status, { timeout: 30_000, interval: 250 }).toBe("failed");
    expect(Date.now() - killedAt).toBeLessThan(30_000);
  } else {
    await recoverJobs([importJob], { atStart: true }); // the embedded database's only process starts again
  }
  expect(await prisma.import.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "failed", error: WORKER_STOPPED });
  expect(await prisma.importFile.count({ where: { importId: job.id } })).toBe(0);
  expect(await prisma.lead.count({ where: { companyId: company.id } })).toBe(0);
  fs.rmSync(dir, { recursive: true, force: true });
});
