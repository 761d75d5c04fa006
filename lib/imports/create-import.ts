import { createHash } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { headerIdentity, mappingProblems, mappingSchema, suggestMapping, type Mapping } from "@/lib/csv/mapping";
import { normaliseOutcomeValue, OUTCOMES, type OutcomeValues } from "@/lib/csv/outcome";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { withoutControlCharacters } from "@/lib/text";
import { withSheet, type FileSample } from "./file-sample";
import { storeUpload } from "./store-upload";
import { recordAudit, type Actor } from "@/lib/audit/audit";

/**
 * Starts an import: stores the file, reads its format and header, settles the mapping
 * (the one given, else the one the company used last for these headers, else the
 * suggested one) and the outcome chosen for each value of an outcome column (the ones given,
 * else those used last) and marks it queued; `enqueueImport` then runs it. A file that cannot be
 * imported leaves nothing behind.
 */
export async function createImport({
  companyId,
  userId,
  fileName,
  source,
  mapping,
  outcomeValues,
  sheet,
  guard,
  actor,
}: {
  companyId: string;
  userId: string | null;
  /** Who uploaded it, for the audit log (with the token and address of the request). */
  actor?: Actor;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  mapping?: unknown;
  /** `{ "<value>": "won" | "lost" | "open" }` for values of the outcome column (JSON text or an object). */
  outcomeValues?: unknown;
  /** For a workbook: the name of the sheet to import (default: the first sheet with leads). */
  sheet?: string;
  /** Runs in the transaction that records the import, and may refuse it by throwing. */
  guard?: (tx: Prisma.TransactionClient) => Promise<void>;
}): Promise<string> {
  const name = withoutControlCharacters(fileName).slice(0, 255) || "upload.csv";
  const created = await prisma.$transaction(async (tx) => {
    await guard?.(tx);
    return tx.import.create({
      data: { companyId, userId, fileName: name, status: "uploading", heartbeatAt: new Date() },
      select: { id: true },
    });
  });
  try {
    const stored = await storeUpload(created.id, source);
    const { size } = stored;
    const sample = chooseSheet(stored.sample, sheet);
    const saved = mapping === undefined || outcomeValues === undefined ? await findSavedMapping(companyId, sample.headers) : null;
    const chosen = mapping === undefined ? (saved?.mapping ?? suggestMapping(sample.headers)) : parseMapping(mapping);
    const values = outcomeValues === undefined ? (saved?.outcomeValues ?? {}) : parseOutcomeValues(outcomeValues);
    const problems = mappingProblems(sample.headers, chosen);
    if (problems.length) throw new AppError("invalid_mapping", problems.join(" "), 422);
    await prisma.$transaction(async (tx) => {
      await tx.savedMapping.upsert({
        where: { companyId_headersKey: { companyId, headersKey: headersKey(sample.headers) } },
        create: { companyId, headersKey: headersKey(sample.headers), mapping: chosen, outcomeValues: values },
        update: { mapping: chosen, outcomeValues: values, updatedAt: new Date() },
      });
      await tx.import.update({
        where: { id: created.id },
        data: {
          status: "queued",
          fileSize: size,
          encoding: sample.kind === "csv" ? sample.encoding : null,
          delimiter: sample.kind === "csv" ? sample.delimiter : null,
          sheet: sample.kind === "xlsx" ? sample.sheet : null,
          headers: sample.headers,
          mapping: chosen,
          outcomeValues: values,
          heartbeatAt: new Date(),
        },
      });
      await recordAudit(tx, companyId, actor ?? { userId }, "import.create", { target: created.id, detail: { fileName: name, size } });
    });
  } catch (error) {
    await prisma.import.delete({ where: { id: created.id } });
    throw error;
  }
  return created.id;
}

/** The workbook's sheet named `sheet` (the first sheet with leads when none is named); a CSV as it is. */
export function chooseSheet(sample: FileSample, sheet: string | undefined): FileSample {
  if (sample.kind !== "xlsx" || sheet === undefined) return sample;
  const chosen = withSheet(sample, sheet);
  if (!chosen) {
    const names = sample.sheets.map((candidate) => `"${candidate.name}"`).join(", ");
    throw new AppError("invalid_sheet", `The workbook has no sheet named "${sheet}" with leads in it. Sheets with leads: ${names}.`, 422);
  }
  return chosen;
}

function parseMapping(value: unknown): Mapping {
  const parsed = mappingSchema.safeParse(typeof value === "string" ? safeJson(value) : value);
  if (!parsed.success) throw new AppError("invalid_mapping", "The mapping must list, for each column, a lead field or null.", 400);
  return parsed.data;
}

const outcomeValuesSchema = z
  .record(z.string().max(500), z.enum(OUTCOMES))
  .refine((values) => Object.keys(values).length <= 1000, "At most 1,000 outcome values.");

function parseOutcomeValues(value: unknown): OutcomeValues {
  const parsed = outcomeValuesSchema.safeParse(typeof value === "string" ? safeJson(value) : value);
  if (!parsed.success) throw new AppError("invalid_mapping", 'outcomeValues must give, for each value of the outcome column, "won", "lost" or "open".', 400);
  return Object.fromEntries(Object.entries(parsed.data).map(([key, outcome]) => [normaliseOutcomeValue(key), outcome]));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Identifies files with the same columns, to offer the mapping used last time: a hash, so the
 * key stays short however many columns a file has (a B-tree key holds at most 2,704 bytes).
 */
export function headersKey(headers: string[]): string {
  return createHash("sha256").update(JSON.stringify(headers.map(headerIdentity))).digest("hex");
}

/** The mapping (and outcome choices) the company used last for a file with these headers, if any. */
export async function findSavedMapping(companyId: string, headers: string[]): Promise<{ mapping: Mapping; outcomeValues: OutcomeValues } | null> {
  const saved = await prisma.savedMapping.findUnique({
    where: { companyId_headersKey: { companyId, headersKey: headersKey(headers) } },
    select: { mapping: true, outcomeValues: true },
  });
  const parsed = mappingSchema.safeParse(saved?.mapping);
  const values = outcomeValuesSchema.safeParse(saved?.outcomeValues);
  return parsed.success && parsed.data.length === headers.length ? { mapping: parsed.data, outcomeValues: values.success ? values.data : {} } : null;
}
