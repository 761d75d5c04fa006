"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { usePolledJob } from "@/components/use-polled-job";
import type { ImportSummary } from "@/lib/imports/imports";
import { ImportCounts } from "./import-counts";
import { progressLabel } from "./import-progress";

/**
 * A file on its way: the upload's progress, then the import's (polled until it ends), then
 * what happened to every row.
 */
export function ImportRun({
  fileName,
  uploadPercent,
  uploadLabel = `Uploading ${fileName}…`,
  job: initial,
  onAnother,
}: {
  fileName: string;
  uploadPercent?: number;
  uploadLabel?: string;
  job: ImportSummary | null;
  onAnother: () => void;
}) {
  const live = usePolledJob((id) => `/api/imports/${id}`, "import", initial);
  const job = initial ? (live ?? initial) : null;
  const running = job?.status === "queued" || job?.status === "running";
  const percent = !job ? (uploadPercent ?? 0) : job.fileSize ? (100 * job.processedBytes) / job.fileSize : 0;
  const label = !job ? uploadLabel : running ? progressLabel(job) : null;
  return (
    <section className="space-y-4 rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-live="polite">
      <h2 className="font-semibold text-slate-900">{fileName}</h2>
      {label ? <ProgressBar label={label} percent={percent} /> : null}
      {job?.status === "succeeded" ? (
        <>
          <Alert tone="info">Import finished. Every row of the file is accounted for below.</Alert>
          <ImportCounts counts={job} />
          <div className="flex flex-wrap gap-3">
            {job.rejectedCount > 0 ? (
              <a className="text-sm font-semibold text-indigo-700 hover:underline" href={`/api/imports/${job.id}/rejected`} download>
                Download the {job.rejectedCount.toLocaleString("en-US")} rejected rows (CSV)
              </a>
            ) : null}
            <Link className="text-sm font-semibold text-indigo-700 hover:underline" href={`/imports/${job.id}`}>
              Import details
            </Link>
            <Link className="text-sm font-semibold text-indigo-700 hover:underline" href="/leads">
              See your ranked leads
            </Link>
          </div>
        </>
      ) : null}
      {job?.status === "failed" ? <Alert>{job.error}</Alert> : null}
      {job && !running ? (
        <Button variant="secondary" onClick={onAnother}>
          Import another file
        </Button>
      ) : null}
    </section>
  );
}
