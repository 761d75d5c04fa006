"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const running = (status: string) => status === "queued" || status === "running";

/**
 * A background job's state (an import, a re-score), polled from `url` while it is queued or
 * running; the answer holds it under `field`. When it ends, the page reloads its data. A
 * different job handed in (another `initial.id`) is followed from then on.
 */
export function usePolledJob<T extends { id: string; status: string }>(url: (id: string) => string, field: string, initial: T | null): T | null {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [followed, setFollowed] = useState(initial);
  if (initial?.id !== followed?.id) {
    setFollowed(initial);
    setJob(initial);
  }
  const path = job && running(job.status) ? url(job.id) : null;
  useEffect(() => {
    if (!path) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(path).catch(() => null);
      if (!response?.ok || stopped) return;
      const next: T = (await response.json())[field];
      setJob(next);
      if (!running(next.status)) {
        stopped = true;
        clearInterval(timer);
        router.refresh();
      }
    }, 700);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [path, field, router]);
  return job;
}
