"use client";

import { ProgressBar } from "@/components/ui/progress-bar";
import { usePolledJob } from "@/components/use-polled-job";

type Progress = { id: string; status: string; processedRows: number; processedBytes: number; fileSize: number };

export function progressLabel(job: Progress): string {
  return job.status === "queued" ? "Waiting to start…" : `Importing… ${job.processedRows.toLocaleString("en-US")} rows read`;
}

/** The progress of a queued or running import, polled until it ends; then the page reloads its data. */
export function LiveImportProgress({ initial }: { initial: Progress }) {
  const job = usePolledJob((id) => `/api/imports/${id}`, "import", initial)!;
  return <ProgressBar label={progressLabel(job)} percent={job.fileSize ? (100 * job.processedBytes) / job.fileSize : 0} />;
}
