import { Readable } from "node:stream";
import busboy from "busboy";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { jsonError, withTenant } from "@/lib/http";
import { createImport } from "@/lib/imports/create-import";
import { getImport, listImports } from "@/lib/imports/imports";
import { enqueueImport } from "@/lib/imports/queue";
import { maxUploadBytes, UploadTooLargeError } from "@/lib/imports/store-upload";

export const GET = withTenant(async (_request, { companyId }) => {
  return NextResponse.json({ imports: await listImports(companyId) });
}, { permission: "leads:read" });

/**
 * Upload a CSV (multipart field `file`, optionally preceded by a `mapping` field holding a
 * JSON array, and an `outcomeValues` field: `{ "<value>": "won" | "lost" | "open" }`). Stores the file, answers 202 with the queued import, and imports it in the
 * background: poll GET /api/imports/:id for progress.
 */
export const POST = withTenant(async (request, principal) => {
  const { companyId, userId } = principal;
  const limit = maxUploadBytes();
  if (Number(request.headers.get("content-length") ?? 0) > limit + 1024 * 1024) throw new UploadTooLargeError(limit);
  if (!request.body || !request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return jsonError(400, "bad_request", "Send the file as multipart/form-data in a field named file.");
  }
  const id = await new Promise<string>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let started = false;
    const parser = busboy({ headers: { "content-type": request.headers.get("content-type")! }, limits: { files: 1, fileSize: limit + 1 } });
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("file", (name, file, info) => {
      if (name !== "file") return file.resume();
      started = true;
      createImport({ companyId, userId, fileName: info.filename ?? "upload.csv", source: file, mapping: fields.mapping, outcomeValues: fields.outcomeValues, actor: principal })
        .then(resolve, reject)
        .finally(() => file.resume());
    });
    // A request that is not well-formed multipart (e.g. a control character in a part's header).
    parser.on("error", (error: Error) => reject(new AppError("bad_request", `The upload is not well-formed multipart/form-data: ${error.message}.`, 400)));
    parser.on("close", () => {
      if (!started) reject(new AppError("bad_request", "No file was sent: use a multipart field named file.", 400));
    });
    Readable.fromWeb(request.body as import("node:stream/web").ReadableStream).pipe(parser);
  });
  await enqueueImport(id);
  return NextResponse.json({ import: await getImport(companyId, id) }, { status: 202 });
}, { permission: "imports:write" });
