import { afterAll, describe, expect, it } from "vitest";
import { bytesOf } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { previewDefinition } from "@/lib/models/preview";
import { sampleCsvBytes } from "@/lib/sample-data/generate";
import { templateDefinition } from "@/lib/scoring";
import { createCompany } from "@/lib/test-factories";
import { runHeavy, stopWorkThreads } from "./heavy";

afterAll(() => stopWorkThreads());

async function companyWithSample(name: string, rows: number) {
  const companyId = (await createCompany({ name })).id;
  await processImport(await createImport({ companyId, userId: null, fileName: "sample.csv", source: bytesOf(await sampleCsvBytes({ rows, seed: 3 })) }));
  return companyId;
}

describe("heavy work on a work thread", () => {
  const life = templateDefinition("lifescience-3d-invitro")!;

  it("gives the same answer as on the request thread, and an error meant for the user as it is", async () => {
    const companyId = await companyWithSample("Thread Co", 2000);
    expect(await runHeavy("preview", { companyId, definition: life })).toEqual(await previewDefinition(companyId, life));
    await expect(runHeavy("suggestion", { companyId: (await createCompany({ name: "Empty" })).id })).rejects.toMatchObject({ status: 409, code: "not_enough_outcomes" });
  });

  it("runs one operation per company at a time: a second is refused with 429 and Retry-After, another company's runs", async () => {
    const [mine, theirs] = [await companyWithSample("Busy Co", 3000), await companyWithSample("Other Co", 500)];
    const first = runHeavy("preview", { companyId: mine, definition: life });
    await expect(runHeavy("insights", { companyId: mine })).rejects.toMatchObject({ status: 429, code: "busy", details: { retryAfter: 5 } });
    await expect(runHeavy("insights", { companyId: theirs })).resolves.toHaveProperty("model");
    // A page waits for the company's running operation instead.
    const waited = await runHeavy("insights", { companyId: mine }, { wait: true });
    expect(waited).toHaveProperty("model");
    expect((await first).leads).toBeGreaterThan(2900);
    await expect(runHeavy("insights", { companyId: mine })).resolves.toHaveProperty("model");
  });

  it("stops an operation past its time budget with a clear message, and the next one runs", async () => {
    const companyId = await companyWithSample("Slow Co", 3000);
    await expect(runHeavy("preview", { companyId, definition: life }, { timeLimitMs: 5 })).rejects.toMatchObject({
      status: 503,
      code: "too_slow",
      message: expect.stringMatching(/^An impact preview took longer than 0 s and was stopped/),
    });
    expect((await runHeavy("preview", { companyId, definition: life })).leads).toBeGreaterThan(2900);
  });
});
