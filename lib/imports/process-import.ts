import { Prisma } from "@/lib/db/generated/client";
import { prisma } from "@/lib/db/client";
import type { Delimiter, Encoding } from "@/lib/csv/detect";
import type { Mapping } from "@/lib/csv/mapping";
import { readCsvRecords } from "@/lib/csv/read";
import { createRowReader, type ParsedLead } from "@/lib/csv/validate";
import { compileModel, DEFAULT_PRESET_ID, presetById } from "@/lib/scoring";
import { readStoredUpload } from "./store-upload";

/**
 * Runs a queued import: reads the stored file, validates and scores every row, and writes
 * the good rows to the staging table batch by batch (progress is visible meanwhile), then
 * copies them into Lead in one transaction. Until that transaction commits no lead of the
 * import is visible; if anything fails before, the import is marked failed and nothing changed.
 */
export async function processImport(importId: string): Promise<void> {
  const claimed = await prisma.import.updateMany({
    where: { id: importId, status: "queued" },
    data: { status: "running", heartbeatAt: new Date() },
  });
  if (claimed.count === 0) return; // Another worker has it, or it was cancelled.
  try {
    await stageImport(importId);
    await commitImport(importId);
    await prisma.importFile.deleteMany({ where: { importId } });
  } catch (error) {
    console.error(`Import ${importId} failed:`, error);
    await failImport(importId, "The import stopped because of an unexpected error; nothing of it was saved. Please try again.");
  }
}

export async function failImport(importId: string, reason: string): Promise<void> {
  await prisma.$transaction([
    prisma.$executeRaw`DELETE FROM "ImportRow" WHERE "importId" = ${importId}::uuid`,
    prisma.importRejection.deleteMany({ where: { importId } }),
    prisma.importFile.deleteMany({ where: { importId } }),
    prisma.import.updateMany({
      where: { id: importId, status: { in: ["queued", "running"] } },
      data: { status: "failed", error: reason, finishedAt: new Date() },
    }),
  ]);
}

/** Reads, validates, scores and stages every row of the import's file. */
export async function stageImport(importId: string): Promise<void> {
  const job = await prisma.import.findUniqueOrThrow({
    where: { id: importId },
    select: { headers: true, mapping: true, encoding: true, delimiter: true, company: { select: { scoringModelId: true } } },
  });
  const headers = job.headers as string[];
  const readRow = createRowReader(headers, job.mapping as Mapping);
  const model = compileModel(presetById(job.company.scoringModelId) ?? presetById(DEFAULT_PRESET_ID)!);

  let bytes = 0;
  async function* counted() {
    for await (const piece of readStoredUpload(importId)) {
      bytes += piece.length;
      yield piece;
    }
  }

  let processed = 0;
  let rejectedTotal = 0;
  let duplicates = 0;
  for await (const batch of readCsvRecords(counted(), { encoding: job.encoding as Encoding, delimiter: job.delimiter as Delimiter })) {
    // Within a batch the last row of an email wins; across batches the staging upsert does it.
    const accepted = new Map<string, { row: number; lead: ParsedLead }>();
    const rejected: { row: number; reason: string; cells: string[] }[] = [];
    for (const record of batch) {
      const result = record.problem ? { ok: false as const, reason: record.problem } : readRow(record.cells);
      if (!result.ok) rejected.push({ row: record.row, reason: result.reason, cells: record.cells });
      else {
        if (accepted.has(result.lead.email)) duplicates++;
        accepted.set(result.lead.email, { row: record.row, lead: result.lead });
      }
    }
    duplicates += await stageRows(importId, [...accepted.values()], model);
    if (rejected.length) await saveRejections(importId, rejected);
    processed += batch.length;
    rejectedTotal += rejected.length;
    await prisma.import.update({
      where: { id: importId },
      data: { processedRows: processed, processedBytes: bytes, rejectedCount: rejectedTotal, duplicateCount: duplicates, heartbeatAt: new Date() },
    });
  }
  await prisma.import.update({ where: { id: importId }, data: { totalRows: processed, processedBytes: bytes } });
}

const json = (value: unknown) => JSON.stringify(value);

/** Writes scored rows to the staging table; returns how many replaced an earlier row of the file. */
async function stageRows(importId: string, rows: { row: number; lead: ParsedLead }[], model: ReturnType<typeof compileModel>) {
  if (rows.length === 0) return 0;
  const columns = {
    email: [] as string[], row: [] as number[], firstName: [] as (string | null)[], lastName: [] as (string | null)[],
    fullName: [] as (string | null)[], jobTitle: [] as (string | null)[], companyName: [] as (string | null)[],
    industry: [] as (string | null)[], companySize: [] as (number | null)[], location: [] as (string | null)[],
    companyLocation: [] as (string | null)[], country: [] as (string | null)[], fundingStage: [] as (string | null)[],
    usesInVitroModels: [] as (boolean | null)[], openToNams: [] as (boolean | null)[], inBiotechHub: [] as (boolean | null)[],
    publishedDiliPaper: [] as (boolean | null)[], externalId: [] as (string | null)[], submittedAt: [] as (string | null)[],
    extra: [] as string[], rawPoints: [] as number[], score: [] as number[], grade: [] as string[], breakdown: [] as string[],
  };
  for (const { row, lead } of rows) {
    const scored = model.score(lead);
    columns.email.push(lead.email);
    columns.row.push(row);
    columns.firstName.push(lead.firstName);
    columns.lastName.push(lead.lastName);
    columns.fullName.push(lead.fullName);
    columns.jobTitle.push(lead.jobTitle);
    columns.companyName.push(lead.companyName);
    columns.industry.push(lead.industry);
    columns.companySize.push(lead.companySize);
    columns.location.push(lead.location);
    columns.companyLocation.push(lead.companyLocation);
    columns.country.push(lead.country);
    columns.fundingStage.push(lead.fundingStage);
    columns.usesInVitroModels.push(lead.usesInVitroModels);
    columns.openToNams.push(lead.openToNams);
    columns.inBiotechHub.push(lead.inBiotechHub);
    columns.publishedDiliPaper.push(lead.publishedDiliPaper);
    columns.externalId.push(lead.externalId);
    columns.submittedAt.push(lead.submittedAt?.toISOString() ?? null);
    columns.extra.push(json(lead.extra));
    columns.rawPoints.push(scored.rawPoints);
    columns.score.push(scored.score);
    columns.grade.push(scored.grade);
    columns.breakdown.push(json(scored.breakdown.map((entry) => entry.points)));
  }
  const c = columns;
  const [{ replaced }] = await prisma.$queryRaw<{ replaced: number }[]>`
    WITH staged AS (
      INSERT INTO "ImportRow" ("importId", "email", "row", "firstName", "lastName", "fullName", "jobTitle", "companyName",
        "industry", "companySize", "location", "companyLocation", "country", "fundingStage", "usesInVitroModels", "openToNams",
        "inBiotechHub", "publishedDiliPaper", "externalId", "submittedAt", "extra", "rawPoints", "score", "grade", "breakdown")
      SELECT ${importId}::uuid, r.* FROM unnest(
        ${c.email}::text[], ${c.row}::int[], ${c.firstName}::text[], ${c.lastName}::text[], ${c.fullName}::text[],
        ${c.jobTitle}::text[], ${c.companyName}::text[], ${c.industry}::text[], ${c.companySize}::int[], ${c.location}::text[],
        ${c.companyLocation}::text[], ${c.country}::text[], ${c.fundingStage}::text[], ${c.usesInVitroModels}::boolean[],
        ${c.openToNams}::boolean[], ${c.inBiotechHub}::boolean[], ${c.publishedDiliPaper}::boolean[], ${c.externalId}::text[],
        ${c.submittedAt}::timestamptz[], ${c.extra}::jsonb[], ${c.rawPoints}::int[], ${c.score}::int[], ${c.grade}::char(1)[],
        ${c.breakdown}::jsonb[]
      ) AS r
      ON CONFLICT ("importId", "email") DO UPDATE SET
        "row" = EXCLUDED."row", "firstName" = EXCLUDED."firstName", "lastName" = EXCLUDED."lastName", "fullName" = EXCLUDED."fullName",
        "jobTitle" = EXCLUDED."jobTitle", "companyName" = EXCLUDED."companyName", "industry" = EXCLUDED."industry",
        "companySize" = EXCLUDED."companySize", "location" = EXCLUDED."location", "companyLocation" = EXCLUDED."companyLocation",
        "country" = EXCLUDED."country", "fundingStage" = EXCLUDED."fundingStage", "usesInVitroModels" = EXCLUDED."usesInVitroModels",
        "openToNams" = EXCLUDED."openToNams", "inBiotechHub" = EXCLUDED."inBiotechHub", "publishedDiliPaper" = EXCLUDED."publishedDiliPaper",
        "externalId" = EXCLUDED."externalId", "submittedAt" = EXCLUDED."submittedAt", "extra" = EXCLUDED."extra",
        "rawPoints" = EXCLUDED."rawPoints", "score" = EXCLUDED."score", "grade" = EXCLUDED."grade", "breakdown" = EXCLUDED."breakdown"
      RETURNING (xmax <> 0) AS replaced
    )
    SELECT count(*) FILTER (WHERE replaced)::int AS replaced FROM staged`;
  return replaced;
}

async function saveRejections(importId: string, rejected: { row: number; reason: string; cells: string[] }[]) {
  await prisma.$executeRaw`
    INSERT INTO "ImportRejection" ("importId", "row", "reason", "cells")
    SELECT ${importId}::uuid, r.* FROM unnest(${rejected.map((r) => r.row)}::int[], ${rejected.map((r) => r.reason)}::text[],
      ${rejected.map((r) => json(r.cells))}::jsonb[]) AS r
    ON CONFLICT DO NOTHING`;
}

const LEAD_COLUMNS = [
  "firstName", "lastName", "fullName", "jobTitle", "companyName", "industry", "companySize", "location", "companyLocation",
  "country", "fundingStage", "usesInVitroModels", "openToNams", "inBiotechHub", "publishedDiliPaper", "externalId",
  "extra", "rawPoints", "score", "grade", "breakdown",
].map((column) => `"${column}"`);

/**
 * Copies the staged rows into Lead in one transaction, remembering the previous version of
 * every lead it updates (for undo), and records the final counts.
 */
export async function commitImport(importId: string): Promise<void> {
  const job = await prisma.import.findUniqueOrThrow({
    where: { id: importId },
    select: { companyId: true, mapping: true, company: { select: { scoringModelId: true } } },
  });
  const hasDates = (job.mapping as Mapping).includes("submittedAt");
  const modelId = job.company.scoringModelId;
  const columns = Prisma.raw(LEAD_COLUMNS.join(", "));
  const incoming = Prisma.raw(LEAD_COLUMNS.map((column) => `i.${column}`).join(", "));
  const updates = Prisma.raw(LEAD_COLUMNS.map((column) => `${column} = EXCLUDED.${column}`).join(", "));

  await prisma.$transaction(
    async (tx) => {
      // One import of a company commits at a time, and never beside an undo of the same company.
      await tx.$executeRaw`SELECT 1 FROM "Company" WHERE "id" = ${job.companyId}::uuid FOR UPDATE`;
      const [counts] = await tx.$queryRaw<{ created: number; updated: number }[]>`
        WITH incoming AS (
          SELECT * FROM "ImportRow" WHERE "importId" = ${importId}::uuid
        ), previous AS (
          SELECT l.* FROM "Lead" l JOIN incoming i ON l."companyId" = ${job.companyId}::uuid AND l."email" = i."email"
        ), remembered AS (
          INSERT INTO "ImportChange" ("importId", "leadId", "previousImportId", "previous")
          SELECT ${importId}::uuid, p."id", p."importId", to_jsonb(p) FROM previous p
        ), written AS (
          INSERT INTO "Lead" ("companyId", "email", ${columns}, "submittedAt", "scoringModelId", "importId")
          SELECT ${job.companyId}::uuid, i."email", ${incoming}, COALESCE(i."submittedAt", now()), ${modelId}, ${importId}::uuid
          FROM incoming i
          ON CONFLICT ("companyId", "email") DO UPDATE SET ${updates},
            "submittedAt" = CASE WHEN ${hasDates} THEN EXCLUDED."submittedAt" ELSE "Lead"."submittedAt" END,
            "scoringModelId" = EXCLUDED."scoringModelId", "importId" = EXCLUDED."importId", "updatedAt" = now()
          RETURNING (xmax = 0) AS created
        )
        SELECT count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM written`;
      await tx.$executeRaw`DELETE FROM "ImportRow" WHERE "importId" = ${importId}::uuid`;
      await tx.import.update({
        where: { id: importId },
        data: { status: "succeeded", createdCount: counts.created, updatedCount: counts.updated, finishedAt: new Date(), heartbeatAt: new Date() },
      });
    },
    { timeout: 15 * 60 * 1000, maxWait: 60 * 1000 },
  );
}
