import { dateTime } from "@/components/dates";
import type { Metadata } from "next";
import Link from "next/link";
import { ImportCounts, StatusBadge } from "@/components/imports/import-counts";
import { ImportUploader } from "@/components/imports/import-uploader";
import { UndoButton } from "@/components/imports/undo-button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { listImports } from "@/lib/imports/imports";
import { maxUploadBytes } from "@/lib/imports/store-upload";

export const metadata: Metadata = { title: "Imports · LeadRank" };


export default async function ImportsPage() {
  const principal = await requirePrincipal();
  const { companyId } = principal;
  const canImport = can(principal, "imports:write");
  const imports = await listImports(companyId);
  return (
    <>
      <PageHeader title="Imports" description="Upload leads, or what they did (clicks, visits, form fills, meetings), as a CSV file or an Excel workbook (.xlsx). Re-uploading the same people updates them; the same activities are stored once." />
      {canImport ? (
        <ImportUploader maxBytes={maxUploadBytes()} />
      ) : (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200" data-testid="viewer-imports">
          As a viewer you see every import and its rejected rows. Members and owners upload files.
        </p>
      )}
      <h2 className="mb-3 mt-10 text-lg font-semibold text-slate-900">History</h2>
      {imports.length === 0 ? (
        <p className="text-sm text-slate-600">No imports yet. Your uploads will be listed here, with what happened to every row.</p>
      ) : (
        <ul className="space-y-3" data-testid="import-history">
          {imports.map((job) => (
            <li key={job.id} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <Link href={`/imports/${job.id}`} className="break-all font-semibold text-indigo-700 hover:underline">
                    {job.fileName}
                  </Link>{" "}
                  <StatusBadge status={job.status} />
                  {job.kind === "activities" ? <span className="ml-1 inline-flex rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-800">Activities</span> : null}
                  <p className="mt-1 text-xs text-slate-600">
                    {dateTime(job.createdAt)}
                    {job.user ? ` · ${job.user.name}` : ""}
                  </p>
                </div>
                {canImport && job.status === "succeeded" ? <UndoButton importId={job.id} fileName={job.fileName} kind={job.kind} /> : null}
              </div>
              {job.status === "succeeded" || job.status === "undone" ? (
                <div className="mt-3">
                  <ImportCounts counts={job} />
                </div>
              ) : null}
              {job.status === "failed" ? <p className="mt-2 text-sm text-red-700">{job.error}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
