import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getImport } from "@/lib/imports/imports";
import { processImport } from "@/lib/imports/process-import";
import { createCompany } from "@/lib/test-factories";
import { importOnJobsThread, startJobsThread } from "./jobs";

const shared = globalThis as { leadrankJobsThread?: import("node:worker_threads").Worker };

beforeAll(() => startJobsThread({ workers: false }), 60_000);
afterAll(async () => {
  await shared.leadrankJobsThread?.terminate();
  shared.leadrankJobsThread = undefined;
});

async function* pieces(text: string, size = 1000) {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const csv = (rows: number) => ["Email,Job Title,Company Size", ...Array.from({ length: rows }, (_, i) => `lead${i}@thread.example,CTO,${i}`)].join("\n");

describe("uploads imported on the jobs thread", () => {
  it("store, score and write every row as on the request thread", async () => {
    const companyId = (await createCompany({ name: "Jobs thread" })).id;
    const importId = await importOnJobsThread({ companyId, userId: null, fileName: "leads.csv" }, pieces(csv(20_000)));
    // The embedded database stores the upload and queues it, for a worker to take (here: this test).
    if ((await getImport(companyId, importId))?.status === "queued") await processImport(importId);
    await expect.poll(async () => (await getImport(companyId, importId))?.status, { timeout: 30_000 }).toBe("succeeded");
    expect(await getImport(companyId, importId)).toMatchObject({ createdCount: 20_000, rejectedCount: 0, fileName: "leads.csv" });
    expect(await prisma.lead.count({ where: { companyId } })).toBe(20_000);

  });

  it("refuses a bad upload with the error meant for the user, keeping nothing", async () => {
    const companyId = (await createCompany({ name: "Jobs thread refused" })).id;
    await expect(importOnJobsThread({ companyId, userId: null, fileName: "x.csv", mapping: ["jobTitle"] }, pieces(csv(10)))).rejects.toMatchObject({ status: 422, code: "invalid_request" });
    await expect(importOnJobsThread({ companyId, userId: null, fileName: "x.csv" }, pieces("\u0000\u0001 not a csv"))).rejects.toMatchObject({ status: 422, code: "invalid_request" });
    expect(await prisma.import.count({ where: { companyId } })).toBe(0);
  });

  it("stops an upload that breaks off, keeping nothing", async () => {
    const companyId = (await createCompany({ name: "Jobs thread broken" })).id;
    async function* broken() {
      yield* pieces(csv(1000));
      throw new Error("connection reset");
    }
    await expect(importOnJobsThread({ companyId, userId: null, fileName: "x.csv" }, broken())).rejects.toThrow(/broke off|connection reset/);
    await expect.poll(() => prisma.import.count({ where: { companyId } })).toBe(0);
    expect(await prisma.lead.count({ where: { companyId } })).toBe(0);
  });
});
