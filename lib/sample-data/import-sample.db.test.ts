import { createCompany } from "@/lib/test-factories";
import { expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getImport } from "@/lib/imports/imports";
import { processImport } from "@/lib/imports/process-import";
import { createSampleImport, unfinishedSampleImport } from "./import-sample";

it("starts one sample import per company at a time, however many requests arrive together", async () => {
  const company = await createCompany({ name: "Sample Co" });
  const attempts = await Promise.allSettled([1, 2, 3].map(() => createSampleImport(company.id, null, 500)));
  const started = attempts.filter((attempt) => attempt.status === "fulfilled");
  expect(started).toHaveLength(1);
  for (const attempt of attempts.filter((a) => a.status === "rejected")) {
    expect(attempt.reason).toMatchObject({ status: 409, code: "sample_running", message: expect.stringMatching(/already being imported/) });
  }
  expect(await prisma.import.count({ where: { companyId: company.id } })).toBe(1);
  // A refused request is shown the import on its way.
  expect(await unfinishedSampleImport(company.id)).toBe(started[0].value);

  // Once it has finished, sample data can be imported again (it updates the same leads).
  await processImport(started[0].value);
  expect((await getImport(company.id, started[0].value))?.createdCount).toBeGreaterThan(490);
  expect(await unfinishedSampleImport(company.id)).toBeNull();
  const again = await createSampleImport(company.id, null, 500);
  await processImport(again);
  expect(await getImport(company.id, again)).toMatchObject({ status: "succeeded", createdCount: 0 });
  // Another company is not held up by this one's.
  const other = await createCompany({ name: "Other Co" });
  await expect(createSampleImport(other.id, null, 10)).resolves.toBeTruthy();
});
