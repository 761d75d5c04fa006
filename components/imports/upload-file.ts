import type { Mapping } from "@/lib/csv/mapping";
import type { OutcomeValues } from "@/lib/csv/outcome";
import type { ImportSummary } from "@/lib/imports/imports";

export type UploadResult = { ok: true; job: ImportSummary } | { ok: false; message: string };

/** The JSON of an answer, or null when it is not JSON (a proxy's HTML error page, say). */
function parseJson(text: string): { import?: ImportSummary; error?: { message?: string } } | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** What the upload's answer means to the person waiting for it. */
export function uploadAnswer(status: number, text: string): UploadResult {
  const body = parseJson(text);
  if (status === 202 && body?.import) return { ok: true, job: body.import };
  if (body?.error?.message) return { ok: false, message: body.error.message };
  if (status === 413) return { ok: false, message: "The file is larger than the server in front of LeadRank accepts (HTTP 413). Split it into smaller files." };
  if (status === 0) return { ok: false, message: "The upload was interrupted. Check your connection and try again." };
  return { ok: false, message: `The upload failed (HTTP ${status}). Nothing was imported; please try again.` };
}

/**
 * Sends the file with its mapping to POST /api/imports, reporting the share sent so far
 * (XMLHttpRequest: fetch cannot report upload progress).
 */
export function uploadImport(file: File, mapping: Mapping, outcomeValues: OutcomeValues, onProgress: (percent: number) => void): Promise<UploadResult> {
  const form = new FormData();
  form.append("mapping", JSON.stringify(mapping));
  form.append("outcomeValues", JSON.stringify(outcomeValues));
  form.append("file", file);
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/imports");
    request.upload.onprogress = (event) => onProgress(event.lengthComputable ? (100 * event.loaded) / event.total : 0);
    request.onload = () => resolve(uploadAnswer(request.status, request.responseText));
    request.onerror = () => resolve(uploadAnswer(0, ""));
    request.send(form);
  });
}
