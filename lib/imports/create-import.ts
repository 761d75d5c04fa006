import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import { headerIdentity, mappingProblems, mappingSchema, suggestMapping, type Mapping } from "@/lib/csv/mapping";
import { normaliseOutcomeValue, type OutcomeValues } from "@/lib/csv/outcome";
import { invalidValue } from "@/lib/errors";
import { withoutControlCharacters } from "@/lib/text";
import { withSheet, type FileSample } from "./file-sample";
import type pg from "pg";
import { databaseTarget, prisma } from "@/lib/db/client";
import { openConnection } from "@/lib/db/bulk";
import { asJobWorker, jobsRunningHere } from "@/lib/jobs/liveness";
import { Arrival } from "./arrival";
import { getImport } from "./imports";
import { IMPORT_JOB, ImportProgress } from "./progress";
import { runImport, type RunOptions } from "./process-import";
import { storedPieceReader, storeUpload } from "./store-upload";
import { recordAudit, type Actor } from "@/lib/audit/audit";
import { outcomeValuesSchema, type ImportKind } from "./schemas";
import { activityMappingProblems, activityMappingSchema, suggestActivityMapping, type ActivityMapping } from "@/lib/activities/mapping";

/**
 * Starts an import: stores the file, reads its format and header, settles the mapping
 * (the one given, else the one the company used last for these headers, else the
 * suggested one) and the outcome chosen for each value of an outcome column (the ones given,
 * else those used last) and marks it queued; `enqueueImport` then runs it. A file that cannot be
 * imported leaves nothing behind.
 *
 * With `here` (PostgreSQL, when this instance runs no other import) this instance runs the
 * import itself, without the queue: a CSV is read, validated, scored and written while it is
 * still arriving, as soon as its header is known; a workbook (or a small file) once stored.
 * It answers once the upload is stored and the import "running"; the import goes on.
 */
export async function createImport({
  companyId,
  userId,
  kind = "leads",
  fileName,
  source,
  mapping,
  outcomeValues,
  sheet,
  guard,
  actor,
  here,
}: {
  companyId: string;
  userId: string | null;
  /** What the file brings in: leads (default) or activities. */
  kind?: ImportKind;
  /** Who uploaded it, for the audit log (with the token and address of the request). */
  actor?: Actor;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  /** The mapping to use, of the kind's fields (else the one saved for these headers, else the suggested one). */
  mapping?: Mapping | ActivityMapping;
  /** The outcome for values of the outcome column (else the ones saved for these headers). */
  outcomeValues?: OutcomeValues;
  /** For a workbook: the name of the sheet to import (default: the first sheet with leads). */
  sheet?: string;
  /** Runs in the transaction that records the import, and may refuse it by throwing. */
  guard?: (tx: Prisma.TransactionClient) => Promise<void>;
  /** Run the import in this instance as it arrives (see above); told when it committed and when it ended (and this instance is free for the next). */
  here?: RunOptions & { onEnded?: () => void };
}): Promise<string> {
  const name = withoutControlCharacters(fileName).slice(0, 255) || "upload.csv";
  const created = await prisma.$transaction(async (tx) => {
    await guard?.(tx);
    return tx.import.create({
      data: { companyId, userId, kind, fileName: name, status: "uploading", heartbeatAt: new Date() },
      select: { id: true },
    });
  });
  const importId = created.id;
  let settled: Promise<Settled> | undefined;
  // The mapping depends only on the header: settled once, from the first 64 KB when the import starts early.
  const settle = (sample: FileSample) => (settled ??= settleMapping(companyId, kind, sample, mapping, outcomeValues));
  const record = async (status: "queued" | "running", size: number, sample: FileSample) => {
    const { chosen, values } = await settle(sample);
    await prisma.$transaction(async (tx) => {
      const key = headersKey(sample.headers, kind);
      await tx.savedMapping.upsert({
        where: { companyId_headersKey: { companyId, headersKey: key } },
        create: { companyId, headersKey: key, mapping: chosen, outcomeValues: values },
        update: { mapping: chosen, outcomeValues: values, updatedAt: new Date() },
      });
      await tx.import.update({ where: { id: importId }, data: { status, fileSize: size, ...jobOf(sample, chosen, values), heartbeatAt: new Date() } });
      await recordAudit(tx, companyId, actor ?? { userId }, "import.create", { target: importId, detail: { fileName: name, size } });
    });
  };
  try {
    if (here && databaseTarget().kind === "postgres" && jobsRunningHere(IMPORT_JOB.kind) === 0) {
      await importHere(importId, source, { companyId, kind, sheet, settle, record, options: here });
    } else {
      const { size, sample } = await storeUpload(importId, source);
      await record("queued", size, chooseSheet(sample, sheet));
    }
  } catch (error) {
    await prisma.import.delete({ where: { id: importId } });
    throw error;
  }
  return importId;
}

type Settled = { chosen: Mapping | ActivityMapping; values: OutcomeValues };

async function settleMapping(
  companyId: string,
  kind: ImportKind,
  sample: FileSample,
  mapping: Mapping | ActivityMapping | undefined,
  outcomeValues: OutcomeValues | undefined,
): Promise<Settled> {
  if (kind === "activities") {
    const saved = mapping === undefined ? await findSavedMapping(companyId, sample.headers, kind) : null;
    const chosen = (mapping as ActivityMapping | undefined) ?? (saved?.mapping as ActivityMapping | undefined) ?? suggestActivityMapping(sample.headers, sample.rows);
    const problems = activityMappingProblems(sample.headers, chosen);
    if (problems.length) throw invalidValue("mapping", problems.join(" "));
    return { chosen, values: {} };
  }
  const saved = mapping === undefined || outcomeValues === undefined ? await findSavedMapping(companyId, sample.headers) : null;
  const chosen = (mapping as Mapping | undefined) ?? (saved?.mapping as Mapping | undefined) ?? suggestMapping(sample.headers);
  // Compared with the column's cells as they are read: without case or surrounding spaces.
  const values = outcomeValues ? Object.fromEntries(Object.entries(outcomeValues).map(([key, outcome]) => [normaliseOutcomeValue(key), outcome])) : (saved?.outcomeValues ?? {});
  const problems = mappingProblems(sample.headers, chosen);
  if (problems.length) throw invalidValue("mapping", problems.join(" "));
  return { chosen, values };
}

/** What the import of this file needs to know, as the Import row keeps it. */
function jobOf(sample: FileSample, mapping: Mapping | ActivityMapping, outcomeValues: OutcomeValues) {
  return {
    encoding: sample.kind === "csv" ? sample.encoding : null,
    delimiter: sample.kind === "csv" ? sample.delimiter : null,
    sheet: sample.kind === "xlsx" ? sample.sheet : null,
    headers: sample.headers,
    mapping,
    outcomeValues,
  };
}

/**
 * Stores the upload and runs its import on this instance, as the import's live worker from the
 * first byte (lib/jobs/liveness.ts): the import's connection holds the job lock, the upload is
 * stored through a second one. A CSV's import starts once its header is in, reading the pieces
 * as they are stored; if the file then turns out to be Windows-1252 after all (a byte further
 * on is not UTF-8), that start is rolled back and the import starts again from the stored file.
 * Resolves once the upload is stored and the import recorded as running (or rejects, leaving
 * no lead behind); the import then goes on.
 */
function importHere(
  importId: string,
  source: AsyncIterable<Uint8Array>,
  { companyId, kind, sheet, settle, record, options }: {
    companyId: string;
    kind: ImportKind;
    sheet: string | undefined;
    settle: (sample: FileSample) => Promise<Settled>;
    record: (status: "running", size: number, sample: FileSample) => Promise<void>;
    options: RunOptions & { onEnded?: () => void };
  },
): Promise<void> {
  return new Promise<void>((stored, refused) => {
    asJobWorker(IMPORT_JOB.kind, importId, async (client) => {
      // Its connection is opened by the first piece read back.
      let reader: Promise<pg.Client> | undefined;
      let readPiece: ((seq: number) => Promise<Buffer | undefined>) | undefined;
      const arrival = new Arrival(async (seq) => {
        readPiece ??= storedPieceReader((reader = openConnection()), importId);
        return (await readPiece(seq))!; // a piece the upload stored
      });
      let early: { encoding: string | null; run: Promise<void> } | undefined;
      const run = (sample: FileSample, settled: Settled, from?: Arrival) =>
        runImport(client, importId, { companyId, kind, ...jobOf(sample, settled.chosen, settled.values) }, { ...options, arrival: from });
      const storage = await openConnection();
      try {
        const { size, sample: whole } = await storeUpload(importId, source, {
          client: storage,
          onPiece: (seq, data) => arrival.add(seq, data),
          onHead: async (head) => {
            const settled = await settle(head);
            early = { encoding: head.kind === "csv" ? head.encoding : null, run: run(head, settled, arrival) };
            early.run.catch(() => {}); // Awaited below.
          },
        });
        const sample = chooseSheet(whole, sheet);
        const settled = await settle(sample);
        if (early && early.encoding !== (sample.kind === "csv" ? sample.encoding : null)) {
          arrival.stop("The file's encoding is not the one its first 64 KB suggested.");
          await early.run.catch(() => {});
          early = undefined;
        }
        await record("running", size, sample);
        if (early) new ImportProgress(importId).track(companyId, (await getImport(companyId, importId))!);
        arrival.end();
        stored();
        await (early?.run ?? run(sample, settled)).catch(() => {}); // runImport records its own failure.
      } catch (error) {
        arrival.stop(error);
        await early?.run.catch(() => {});
        refused(error);
      } finally {
        await storage.end().catch(() => {});
        await reader?.then((connection) => connection.end()).catch(() => {});
      }
    })
      .catch(refused)
      // Once this instance is free for the next upload (its worker has let go of the import).
      .finally(() => options.onEnded?.());
  });
}

/** The workbook's sheet named `sheet` (the first sheet with leads when none is named); a CSV as it is. */
export function chooseSheet(sample: FileSample, sheet: string | undefined): FileSample {
  if (sample.kind !== "xlsx" || sheet === undefined) return sample;
  const chosen = withSheet(sample, sheet);
  if (!chosen) {
    const names = sample.sheets.map((candidate) => `"${candidate.name}"`).join(", ");
    throw invalidValue("sheet", `The workbook has no sheet named "${sheet}" with leads in it. Sheets with leads: ${names}.`);
  }
  return chosen;
}

/**
 * Identifies files with the same columns, to offer the mapping used last time: a hash, so the
 * key stays short however many columns a file has (a B-tree key holds at most 2,704 bytes).
 * The same columns imported as activities have a mapping of their own.
 */
export function headersKey(headers: string[], kind: ImportKind = "leads"): string {
  const identity = headers.map(headerIdentity);
  return createHash("sha256").update(JSON.stringify(kind === "leads" ? identity : [kind, ...identity])).digest("hex");
}

/** The mapping (and outcome choices) the company used last for a file of this kind with these headers, if any. */
export async function findSavedMapping(
  companyId: string,
  headers: string[],
  kind: ImportKind = "leads",
): Promise<{ mapping: Mapping | ActivityMapping; outcomeValues: OutcomeValues } | null> {
  const saved = await prisma.savedMapping.findUnique({
    where: { companyId_headersKey: { companyId, headersKey: headersKey(headers, kind) } },
    select: { mapping: true, outcomeValues: true },
  });
  const parsed = (kind === "activities" ? activityMappingSchema : mappingSchema).safeParse(saved?.mapping);
  const values = outcomeValuesSchema.safeParse(saved?.outcomeValues);
  return parsed.success && parsed.data.length === headers.length ? { mapping: parsed.data, outcomeValues: values.success ? values.data : {} } : null;
}
