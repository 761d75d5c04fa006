import { createCompany } from "@/lib/test-factories";
import { expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getImport } from "@/lib/imports/imports";
import { processImport } from "@/lib/imports/process-import";
import { createSampleImports, unfinishedSampleImport } from "./import-sample";

it("starts one sample import per company at a time, however many requests arrive together", async () => {
  const company = await createCompany({ name: "Sample Co" });
  const attempts = await Promise.allSettled([1, 2, 3].map(() => createSampleImports(company.id, null, 500)));
  const started = attempts.filter((attempt) => attempt.status === "fulfilled");
  expect(started).toHaveLength(1);
  for (const attempt of attempts.filter((a) => a.status === "rejected")) {
    expect(attempt.reason).toMatchObject({ status: 409, code: "sample_running", message: expect.stringMatching(/already being imported/) });
  }
  expect(await prisma.import.count({ where: { companyId: company.id } })).toBe(2);
  const first = started[0].value;
  // A refused request is shown the import on its way.
  expect(await unfinishedSampleImport(company.id)).toBe(first.leads);

  // The leads, then their activities: most of them for the leads, a few for people who are not among them.
  await processImport(first.leads);
  await processImport(first.activities);
  expect((await getImport(company.id, first.leads))?.createdCount).toBeGreaterThan(490);
  const activities = (await getImport(company.id, first.activities))!;
  expect(activities).toMatchObject({ kind: "activities", status: "succeeded", rejectedCount: 0 });
  const summary = activities.activitySummary as { known: { activities: number }; unknown: { activities: number; people: number } };
  expect(summary.known.activities).toBeGreaterThan(1500);
  expect(summary.unknown.people).toBeGreaterThan(30);
  // Won leads did more than lost ones (the story the sample tells).
  const [perLead] = await prisma.$queryRaw<{ won: number; lost: number }[]>`
    SELECT (count(a.*) FILTER (WHERE l."outcome" = 'won'))::float / nullif(count(DISTINCT l."id") FILTER (WHERE l."outcome" = 'won'), 0) AS "won",
           (count(a.*) FILTER (WHERE l."outcome" = 'lost'))::float / nullif(count(DISTINCT l."id") FILTER (WHERE l."outcome" = 'lost'), 0) AS "lost"
    FROM "Lead" l LEFT JOIN "Activity" a ON a."companyId" = l."companyId" AND a."email" = l."email" WHERE l."companyId" = ${company.id}::uuid`;
  expect(perLead.won).toBeGreaterThan(2 * perLead.lost);
  expect(await unfinishedSampleImport(company.id)).toBeNull();

  // Once finished, sample data can be imported again: it updates the same leads and adds no activity twice.
  const again = await createSampleImports(company.id, null, 500);
  await processImport(again.leads);
  await processImport(again.activities);
  expect(await getImport(company.id, again.leads)).toMatchObject({ status: "succeeded", createdCount: 0 });
  expect(await getImport(company.id, again.activities)).toMatchObject({ status: "succeeded", createdCount: 0, duplicateCount: activities.createdCount });
  // Another company is not held up by this one's.
  const other = await createCompany({ name: "Other Co" });
  await expect(createSampleImports(other.id, null, 10)).resolves.toBeTruthy();
});
