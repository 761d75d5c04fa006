/**
 * The command-line import against a running LeadRank server: uploads the file to
 * POST /api/imports with a bearer token, then follows GET /api/imports/:id until it is done.
 */
import fs from "node:fs";
import path from "node:path";

type ImportView = ImportResult & { id: string; status: string; processedRows: number; error: string | null };

/** What an import did, in one line: rows and what became of them. */
export type ImportResult = {
  kind?: string;
  totalRows: number;
  createdCount: number;
  updatedCount: number;
  rejectedCount: number;
  duplicateCount: number;
  activitySummary?: unknown;
};

export function describeImport(seconds: string, r: ImportResult): string {
  if (r.kind !== "activities") {
    return `Done in ${seconds} s: ${r.totalRows} rows → ${r.createdCount} created, ${r.updatedCount} updated, ${r.rejectedCount} rejected, ${r.duplicateCount} duplicates within the file.`;
  }
  const unknown = (r.activitySummary as { unknown?: { activities: number; people: number } } | null)?.unknown;
  return (
    `Done in ${seconds} s: ${r.totalRows} rows → ${r.createdCount} activities added, ${r.duplicateCount} duplicates (already stored or repeated), ${r.rejectedCount} rows rejected.` +
    (unknown?.activities
      ? ` ${unknown.activities} ${unknown.activities === 1 ? "is" : "are"} of ${unknown.people} ${unknown.people === 1 ? "person" : "people"} not among your leads yet.`
      : "")
  );
}

export async function importOverHttp({ url, token, file, kind, mapping, sheet }: { url: string; token: string; file: string; kind?: string; mapping?: string; sheet?: string }): Promise<number> {
  const base = url.replace(/\/+$/, "");
  const headers = { Authorization: `Bearer ${token}` };
  const form = new FormData();
  if (kind) form.append("kind", kind);
  if (mapping) form.append("mapping", mapping);
  if (sheet) form.append("sheet", sheet);
  form.append("file", await fs.openAsBlob(file), path.basename(file));
  const started = performance.now();
  const upload = await fetch(`${base}/api/imports`, { method: "POST", headers, body: form }).catch((error: Error) => error);
  if (upload instanceof Error) return fail(`Cannot reach ${base}: ${upload.message}`);
  const body = (await upload.json().catch(() => ({}))) as { import?: ImportView; error?: { message: string } };
  if (upload.status !== 202 || !body.import) return fail(`The server refused the upload (${upload.status}): ${body.error?.message ?? "no details"}`);
  console.log(`Importing ${file} (import ${body.import.id})…`);
  let current = body.import;
  let shown = -1;
  while (current.status === "queued" || current.status === "running" || current.status === "uploading") {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const poll = await fetch(`${base}/api/imports/${current.id}`, { headers });
    if (poll.status === 429) continue;
    if (!poll.ok) return fail(`Lost track of the import (${poll.status}); see it on the Imports page.`);
    current = ((await poll.json()) as { import: ImportView }).import;
    const percent = current.totalRows ? Math.floor((100 * current.processedRows) / current.totalRows) : 0;
    if (percent !== shown && current.status === "running") console.log(`  ${current.processedRows} rows (${percent}%)`);
    shown = percent;
  }
  if (current.status !== "succeeded") return fail(current.error ?? `The import ended as ${current.status}.`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(describeImport(seconds, current));
  if (current.rejectedCount > 0) console.log(`  Rejected rows: ${base}/api/imports/${current.id}/rejected (CSV).`);
  return 0;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}
