import { NextResponse } from "next/server";
import { parse, withTenant } from "@/lib/http";
import { createImport } from "@/lib/imports/create-import";
import { getImport, listImports } from "@/lib/imports/imports";
import { enqueueImport } from "@/lib/imports/queue";
import { receiveUpload } from "@/lib/imports/receive-upload";
import { uploadFields } from "@/lib/imports/schemas";
import { importOnJobsThread, jobsThreadRunning } from "@/lib/threads/jobs";

export const GET = withTenant(async ({ principal: { companyId } }) => {
  return NextResponse.json({ imports: await listImports(companyId) });
}, { permission: "leads:read" });

/**
 * Upload a CSV or an Excel workbook (multipart field `file`, optionally preceded by a `mapping`
 * field holding a JSON array, an `outcomeValues` field: `{ "<value>": "won" | "lost" | "open" }`,
 * and for a workbook a `sheet` field naming the sheet). Stores the file, answers 202 with the
 * import, and imports it in the background: poll GET /api/imports/:id for progress. When this
 * instance is free it runs the import itself, reading a CSV while it arrives (the import is then
 * "running" already); otherwise it is queued for whichever instance is free first.
 */
export const POST = withTenant(async ({ request, principal }) => {
  const { companyId, userId } = principal;
  const id = await receiveUpload(request, (file, fields) => {
    const args = { companyId, userId, fileName: file.name ?? "upload.csv", ...parse(uploadFields, fields), actor: principal };
    // Read, scored and written on the jobs thread; on this one only when it is not running (`next dev` without instrumentation).
    return jobsThreadRunning() ? importOnJobsThread(args, file.stream) : createImport({ ...args, source: file.stream, here: {} });
  });
  const created = await getImport(companyId, id);
  if (created?.status === "queued") await enqueueImport(id);
  return NextResponse.json({ import: created }, { status: 202 });
}, { permission: "imports:write" });
