"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ProgressBar } from "@/components/ui/progress-bar";

type Progress = { status: string; processedRows: number; processedBytes: number; fileSize: number };

export function progressLabel(job: Progress): string {
  return job.status === "queued" ? "Waiting to start…" : `Importing… ${job.processedRows.toLocaleString("en-US")} rows read`;
}

/** The progress of a queued or running import, polled until it ends; then the page reloads its data. */
export function LiveImportProgress({ importId, initial }: { importId: string; initial: Progress }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/imports/${importId}`).catch(() => null);
      if (!response?.ok || stopped) return;
      const next: Progress = (await response.json()).import;
      setJob(next);
      if (next.status !== "queued" && next.status !== "running") {
        stopped = true;
        clearInterval(timer);
        router.refresh();
      }
    }, 700);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [importId, router]);
  return <ProgressBar label={progressLabel(job)} percent={job.fileSize ? (100 * job.processedBytes) / job.fileSize : 0} />;
}
