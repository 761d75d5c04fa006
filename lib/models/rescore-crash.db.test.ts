import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { stopJobQueue } from "@/lib/jobs/queue";
import { sampleCsvBytes } from "@/lib/sample-data/generate";
import { createCompany } from "@/lib/test-factories";
import { createModel } from "./models";
import { recoverJobs } from "@/lib/jobs/workers";
import { getScoringJob, publishDraft, retryScoringJob } from "./publish";
import { processScoringJob, RESCORE_STOPPED, rescoreJob } from "./rescore-job";
import { activeVersion } from "@/lib/versions/active-version";

afterAll(() => stopJobQueue());

/** What the dashboard and the lists would show: leads per grade and the sum of their scores. */
const scores = (companyId: string) =>
  prisma.$queryRaw<{ grade: string; leads: number; sum: number }[]>`
    SELECT "grade", count(*)::int AS "leads", sum("score")::int AS "sum" FROM "Lead" WHERE "companyId" = ${companyId}::uuid GROUP BY 1 ORDER BY 1`;
const stats = (companyId: string) =>
  prisma.$queryRaw<{ grade: string; leads: number }[]>`SELECT "grade", sum("leads")::int AS "leads" FROM "LeadStats" WHERE "companyId" = ${companyId}::uuid GROUP BY 1 ORDER BY 1`;

it("a re-score whose process is killed midway leaves every score and the previous version, is failed with a reason, and works when tried again", { timeout: 180_000 }, async () => {
  const companyId = (await createCompany({ name: "Killed re-score" })).id;
  await processImport(await createImport({ companyId, userId: null, fileName: "big.csv", source: bytesOf(await sampleCsvBytes({ rows: 150_000, seed: 3 })) }));
  const before = { scores: await scores(companyId), stats: await stats(companyId) };
  const model = await createModel(companyId, { name: "Life", from: "lifescience-3d-invitro" });
  const { job } = await publishDraft(companyId, null, model.id);

  // Another process runs the re-score (as an app instance's worker would) and is killed midway.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-rescore-"));
  const script = path.join(dir, "run.mts");
  fs.writeFileSync(script, `import { processScoringJob } from ${JSON.stringify(path.resolve("lib/models/rescore-job.ts"))};\nconsole.log("started");\nawait processScoringJob(${JSON.stringify(job.id)});\n`);
  const env = { ...process.env, [inject("databaseKind") === "postgres" ? "DATABASE_URL" : "LEADRANK_EMBEDDED_URL"]: inject("databaseUrl") };
  const child = spawn(process.execPath, ["--import", "tsx", script], { env, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  if (inject("databaseKind") === "postgres") {
    // The job shares its progress while its transaction is open: kill once leads are being re-scored.
    await expect.poll(async () => (await prisma.scoringJob.findUniqueOrThrow({ where: { id: job.id } })).processed, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
  } else {
    // The embedded database answers no other connection during the job's transaction.
    await new Promise<void>((resolve) => child.stdout.on("data", () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  child.kill("SIGKILL");
  await exited;
  fs.rmSync(dir, { recursive: true, force: true });

  expect((await prisma.scoringJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("running");
  expect((await activeVersion(companyId)).label).toBe("B2B SaaS v1");
  expect({ scores: await scores(companyId), stats: await stats(companyId) }).toEqual(before);

  // Another instance's liveness check (PostgreSQL: once the server has noticed the connection
  // is gone, which may wait for the statement it was running), or the embedded database's only
  // process starting again.
  await expect
    .poll(
      async () => {
        await recoverJobs([rescoreJob], { atStart: inject("databaseKind") !== "postgres" });
        return getScoringJob(companyId, job.id);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toMatchObject({ status: "failed", error: RESCORE_STOPPED });

  await retryScoringJob(companyId, job.id);
  await processScoringJob(job.id);
  expect(await getScoringJob(companyId, job.id)).toMatchObject({ status: "succeeded", processed: before.scores.reduce((n, g) => n + g.leads, 0) });
  expect((await activeVersion(companyId)).label).toBe("Life v1");
  expect(await stats(companyId)).toEqual((await scores(companyId)).map(({ grade, leads }) => ({ grade, leads })));
});
