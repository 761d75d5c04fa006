"use client";

import { ProgressBar } from "@/components/ui/progress-bar";
import { usePolledJob } from "@/components/use-polled-job";
import type { ScoringJobView } from "@/lib/models/publish";

export type JobState = Pick<ScoringJobView, "id" | "status" | "processed" | "total" | "changed" | "error"> & { version: { label: string } };

export const percentOf = (job: JobState) => (job.total > 0 ? Math.min(100, (100 * job.processed) / job.total) : 0);

/** A re-score's state, polled until it ends; then the page reloads its data (the new scores). */
export function useRescore(initial: JobState | null): JobState | null {
  return usePolledJob((id) => `/api/scoring-jobs/${id}`, "job", initial);
}

/** "Re-scoring with Iberian fintech v4: 45%", on every page while a re-score runs. */
export function RescoreNotice({ job: initial }: { job: JobState }) {
  const job = useRescore(initial);
  if (!job || (job.status !== "queued" && job.status !== "running")) return null;
  const percent = Math.round(percentOf(job));
  return (
    <div role="status" className="mb-6 rounded-md bg-indigo-50 p-3 text-sm text-indigo-900 ring-1 ring-inset ring-indigo-200" data-testid="rescore-notice">
      {job.status === "queued" ? `Re-scoring with ${job.version.label} will start in a moment.` : `Re-scoring with ${job.version.label}: ${percent}%.`} The scores you see are the
      previous ones until it is done.
    </div>
  );
}

/** The studio's progress bar for a re-score, and its outcome. */
export function RescoreProgress({ job }: { job: JobState }) {
  if (job.status === "succeeded") {
    return (
      <p role="status" className="text-sm text-emerald-800" data-testid="rescore-done">
        {job.version.label} is active: {job.total.toLocaleString("en-US")} leads checked, {job.changed.toLocaleString("en-US")} re-scored.
      </p>
    );
  }
  if (job.status === "failed") return null;
  return (
    <ProgressBar
      name="Re-scoring progress"
      label={job.status === "queued" ? `Re-scoring with ${job.version.label} starts in a moment…` : `Re-scoring with ${job.version.label}: ${job.processed.toLocaleString("en-US")} of ${job.total.toLocaleString("en-US")} leads`}
      percent={percentOf(job)}
    />
  );
}
