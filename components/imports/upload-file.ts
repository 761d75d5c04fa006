import type { OutcomeValues } from "@/lib/csv/outcome";
import type { FileSample } from "@/lib/imports/file-sample";
import type { ImportSummary } from "@/lib/imports/imports";
import type { ImportKind } from "@/lib/imports/schemas";
import type { AnyMapping } from "./kinds";

export type UploadResult = { ok: true; job: ImportSummary } | { ok: false; message: string };
export type PreviewResult = { ok: true; preview: FileSample } | { ok: false; message: string };

type Answer = { import?: ImportSummary; preview?: FileSample; error?: { message?: string } };

/** The JSON of an answer, or null when it is not JSON (a proxy's HTML error page, say). */
function parseJson(text: string): Answer | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Why a request that carried the file failed, in words for the person waiting for it. */
function failure(status: number, body: Answer | null): { ok: false; message: string } {
  if (body?.error?.message) return { ok: false, message: body.error.message };
  if (status === 413) return { ok: false, message: "The file is larger than the server in front of LeadRank accepts (HTTP 413). Split it into smaller files." };
  if (status === 0) return { ok: false, message: "The upload was interrupted. Check your connection and try again." };
  return { ok: false, message: `The upload failed (HTTP ${status}). Nothing was imported; please try again.` };
}

/** What the upload's answer means to the person waiting for it. */
export function uploadAnswer(status: number, text: string): UploadResult {
  const body = parseJson(text);
  return status === 202 && body?.import ? { ok: true, job: body.import } : failure(status, body);
}

/** What the preview's answer means: the file's sheets or format, or why it cannot be read. */
export function previewAnswer(status: number, text: string): PreviewResult {
  const body = parseJson(text);
  return status === 200 && body?.preview ? { ok: true, preview: body.preview } : failure(status, body);
}

/** Posts a form, reporting the share sent so far (XMLHttpRequest: fetch cannot report upload progress). */
function send(url: string, form: FormData, onProgress: (percent: number) => void): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = (event) => onProgress(event.lengthComputable ? (100 * event.loaded) / event.total : 0);
    request.onload = () => resolve({ status: request.status, text: request.responseText });
    request.onerror = () => resolve({ status: 0, text: "" });
    request.send(form);
  });
}

/** Sends the file with its kind and mapping (and, for a workbook, the sheet) to POST /api/imports. */
export async function uploadImport(
  file: File,
  { kind, mapping, outcomeValues, sheet }: { kind: ImportKind; mapping: AnyMapping; outcomeValues: OutcomeValues; sheet?: string },
  onProgress: (percent: number) => void,
): Promise<UploadResult> {
  const form = new FormData();
  form.append("kind", kind);
  form.append("mapping", JSON.stringify(mapping));
  form.append("outcomeValues", JSON.stringify(outcomeValues));
  if (sheet !== undefined) form.append("sheet", sheet);
  form.append("file", file);
  const { status, text } = await send("/api/imports", form, onProgress);
  return uploadAnswer(status, text);
}

/** Sends a workbook to POST /api/imports/preview, for its sheets, headers and first rows. */
export async function previewUpload(file: File, onProgress: (percent: number) => void): Promise<PreviewResult> {
  const form = new FormData();
  form.append("file", file);
  const { status, text } = await send("/api/imports/preview", form, onProgress);
  return previewAnswer(status, text);
}
