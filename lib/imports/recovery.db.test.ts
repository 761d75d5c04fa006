import { createCompany } from "@/lib/test-factories";
import { PgBoss } from "pg-boss";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { openConnection } from "@/lib/db/bulk";
import { prisma } from "@/lib/db/client";
import { bytesOf, testEmail } from "@/lib/db/test-helpers";
import { relayTo } from "@/lib/db/test-relay";
import { sampleCsvBytes } from "@/lib/sample-data/generate";
import { asJobWorker, holdJobLock } from "@/lib/jobs/liveness";
import { createImport } from "./create-import";
import { getImport } from "./imports";
import { processImport } from "./process-import";
import { recoverJobs } from "@/lib/jobs/workers";
import { enqueueImport, importJob, WORKER_STOPPED } from "./queue";

const onPostgres = inject("databaseKind") === "postgres";
const CSV = "Email,Job Title\nana@example.com,CTO\nbob@example.com,Engineer\n";

async function newCompany() {
  return (await createCompany({ name: "Recovery Co" })).id;
}

/** An import uploaded and then claimed by a worker that is gone (it never held the job's lock). */
async function orphanedImport(companyId: string) {
  const id = await createImport({ companyId, userId: null, fileName: "orphan.csv", source: bytesOf(CSV) });
  await prisma.import.update({ where: { id }, data: { status: "running", heartbeatAt: new Date() } });
  return id;
}

describe("an import whose worker is gone", () => {
  it("is failed at the next check, however fresh its heartbeat, with a reason; pg-boss's job ends too; a new upload works", async () => {
    const companyId = await newCompany();
    const id = await createImport({ companyId, userId: null, fileName: "orphan.csv", source: bytesOf(CSV) });
    await enqueueImport(id);
    // A worker takes the job from the queue and dies: the job is "active" and the import running.
    const boss = new PgBoss({ connectionString: inject("databaseUrl"), schema: "pgboss", max: 1, supervise: false, schedule: false });
    await boss.start();
    try {
      const taken = await boss.fetch<{ id: string }>("import", { batchSize: 100 });
      expect(taken.map((job) => job.data.id)).toContain(id);
      await prisma.import.update({ where: { id }, data: { status: "running", heartbeatAt: new Date() } });

      await recoverJobs([importJob]);
      expect(await getImport(companyId, id)).toMatchObject({ status: "failed", error: WORKER_STOPPED });
      expect(WORKER_STOPPED).toMatch(/none of its rows were saved\. Upload the file again\./);
      const [job] = await boss.findJobs("import", { key: id });
      expect(job.state).toBe("failed");
    } finally {
      await boss.stop({ graceful: false });
    }
    expect(await prisma.importFile.count({ where: { importId: id } })).toBe(0);

    const again = await createImport({ companyId, userId: null, fileName: "orphan.csv", source: bytesOf(CSV) });
    await processImport(again);
    expect(await getImport(companyId, again)).toMatchObject({ status: "succeeded", createdCount: 2 });
  });

  it("is left alone while this process works on it", async () => {
    const companyId = await newCompany();
    const id = await createImport({ companyId, userId: null, fileName: "live.csv", source: bytesOf(CSV) });
    // Recovery runs while the worker is between batches (and, on PostgreSQL, from another connection).
    let statusDuringRecovery: string | undefined;
    await asJobWorker("import", id, async () => {
      await prisma.import.update({ where: { id }, data: { status: "running" } });
      await recoverJobs([importJob]);
      statusDuringRecovery = (await prisma.import.findUniqueOrThrow({ where: { id } })).status;
      await prisma.import.update({ where: { id }, data: { status: "queued" } });
    });
    expect(statusDuringRecovery).toBe("running");
  });
});

// The embedded database has a single process and session: there is no other connection to lose.
describe.runIf(onPostgres)("on PostgreSQL, a worker's liveness is its connection", () => {
  it("an import is alive exactly while another connection holds its lock", async () => {
    const companyId = await newCompany();
    const id = await orphanedImport(companyId);
    const worker = await openConnection();
    await holdJobLock(worker, "import", id);
    await recoverJobs([importJob]);
    expect((await getImport(companyId, id))?.status).toBe("running");
    await worker.end(); // the worker's process dies: PostgreSQL releases its lock
    await recoverJobs([importJob]);
    expect(await getImport(companyId, id)).toMatchObject({ status: "failed", error: WORKER_STOPPED });
  });

  it("a worker whose connection is killed mid-import marks it failed with the reason, and keeps none of its leads", async () => {
    const companyId = await newCompany();
    const id = await createImport({ companyId, userId: null, fileName: "leads.csv", source: bytesOf(CSV) });
    // Hold the company's write lock, so the worker stops inside its transaction, holding its job's lock.
    const blocker = await openConnection();
    await blocker.query("BEGIN");
    await blocker.query(`SELECT 1 FROM "Company" WHERE "id" = $1 FOR UPDATE`, [companyId]);
    const running = processImport(id);
    const holder = async () =>
      (
        await prisma.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
            AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(${`import:${id}`}, 0)`
      )[0]?.pid;
    await expect.poll(holder, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    expect((await getImport(companyId, id))?.status).toBe("running");

    const started = Date.now();
    await prisma.$queryRaw`SELECT pg_terminate_backend(${await holder()}::int)`;
    await blocker.query("ROLLBACK");
    await blocker.end();
    await running;

    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await getImport(companyId, id)).toMatchObject({ status: "failed", error: expect.stringMatching(/database connection was lost/) });
    expect(await prisma.lead.count({ where: { companyId } })).toBe(0);
    expect(await prisma.importFile.count({ where: { importId: id } })).toBe(0);
  });

  it("a worker cut off from the database for 3 s records the failure, with that reason, once the database is back", { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-outage-"));
    const file = path.join(dir, "big.csv");
    fs.writeFileSync(file, await sampleCsvBytes({ rows: 200_000, seed: 3, endDate: new Date("2026-11-23T00:00:00Z") }));
    const email = testEmail("outage");
    const company = await createCompany({ name: "Outage Co", memberships: { create: { role: "owner", user: { create: { email, name: "O", passwordHash: "x" } } } } });

    // The importing process reaches the database only through a relay this test cuts.
    const relay = relayTo(new URL(inject("databaseUrl")));
    await relay.up();
    const through = new URL(inject("databaseUrl"));
    through.hostname = "127.0.0.1";
    through.port = String(relay.port);
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import-leads.ts", "--email", email, "--file", file], {
      env: { ...process.env, DATABASE_URL: through.toString() },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    try {
      const progress = async () => (await prisma.import.findFirst({ where: { companyId: company.id }, select: { processedRows: true } }))?.processedRows ?? 0;
      await expect.poll(progress, { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
      await relay.down();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const job = await prisma.import.findFirstOrThrow({ where: { companyId: company.id } });
      expect(job.status).toBe("running"); // nobody could record anything meanwhile
      await relay.up();
      expect(await exited).toBe(1);
      expect(await prisma.import.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
        status: "failed",
        error: expect.stringMatching(/database connection was lost/),
      });
      expect(await prisma.lead.count({ where: { companyId: company.id } })).toBe(0);
    } finally {
      child.kill("SIGKILL");
      await relay.down();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
