import { createHash } from "node:crypto";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { headerIdentity, mappingProblems, mappingSchema, suggestMapping, type Mapping } from "@/lib/csv/mapping";
import { AppError } from "@/lib/errors";
import { withoutControlCharacters } from "@/lib/text";
import { storeUpload } from "./store-upload";

/**
 * Starts an import: stores the file, reads its format and header, settles the mapping
 * (the one given, else the one the company used last for these headers, else the
 * suggested one) and marks it queued; `enqueueImport` then runs it. A file that cannot be
 * imported leaves nothing behind.
 */
export async function createImport({
  companyId,
  userId,
  fileName,
  source,
  mapping,
  guard,
}: {
  companyId: string;
  userId: string | null;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  mapping?: unknown;
  /** Runs in the transaction that records the import, and may refuse it by throwing. */
  guard?: (tx: Prisma.TransactionClient) => Promise<void>;
}): Promise<string> {
  const created = await prisma.$transaction(async (tx) => {
    await guard?.(tx);
    return tx.import.create({
      data: { companyId, userId, fileName: withoutControlCharacters(fileName).slice(0, 255) || "upload.csv", status: "uploading", heartbeatAt: new Date() },
      select: { id: true },
    });
  });
  try {
    const { size, sample } = await storeUpload(created.id, source);
    const chosen = mapping === undefined ? ((await findSavedMapping(companyId, sample.headers)) ?? suggestMapping(sample.headers)) : parseMapping(mapping);
    const problems = mappingProblems(sample.headers, chosen);
    if (problems.length) throw new AppError("invalid_mapping", problems.join(" "), 422);
    await prisma.$transaction([
      prisma.savedMapping.upsert({
        where: { companyId_headersKey: { companyId, headersKey: headersKey(sample.headers) } },
        create: { companyId, headersKey: headersKey(sample.headers), mapping: chosen },
        update: { mapping: chosen, updatedAt: new Date() },
      }),
      prisma.import.update({
        where: { id: created.id },
        data: {
          status: "queued",
          fileSize: size,
          encoding: sample.encoding,
          delimiter: sample.delimiter,
          headers: sample.headers,
          mapping: chosen,
          heartbeatAt: new Date(),
        },
      }),
    ]);
  } catch (error) {
    await prisma.import.delete({ where: { id: created.id } });
    throw error;
  }
  return created.id;
}

function parseMapping(value: unknown): Mapping {
  const parsed = mappingSchema.safeParse(typeof value === "string" ? safeJson(value) : value);
  if (!parsed.success) throw new AppError("invalid_mapping", "The mapping must list, for each column, a lead field or null.", 400);
  return parsed.data;
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

/** The mapping the company used last for a file with these headers, if any. */
export async function findSavedMapping(companyId: string, headers: string[]): Promise<Mapping | null> {
  const saved = await prisma.savedMapping.findUnique({
    where: { companyId_headersKey: { companyId, headersKey: headersKey(headers) } },
    select: { mapping: true },
  });
  const parsed = mappingSchema.safeParse(saved?.mapping);
  return parsed.success && parsed.data.length === headers.length ? parsed.data : null;
}
