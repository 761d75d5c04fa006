"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const running = (status: string) => status === "queued" || status === "running";

/**
 * A background job's state (an import, a re-score), polled from `url` while it is queued or
 * running; the answer holds it under `field`. When it ends, the page reloads its data. A
 * different job handed in (another `initial.id`) is followed from then on (or, already over,
 * makes the page reload its data).
 */
export function usePolledJob<T extends { id: string; status: string }>(url: (id: string) => string, field: string, initial: T | null): T | null {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [followed, setFollowed] = useState(initial);
  // A job handed in already over (a small import can end before its upload is answered) is never
  // polled: the page reloads its data at once instead.
  const [endedOnArrival, setEndedOnArrival] = useState<string | null>(null);
  if (initial?.id !== followed?.id) {
    setFollowed(initial);
    setJob(initial);
    if (initial && !running(initial.status)) setEndedOnArrival(initial.id);
  }
  useEffect(() => {
    if (endedOnArrival) router.refresh();
  }, [endedOnArrival, router]);
  const path = job && running(job.status) ? url(job.id) : null;
  useEffect(() => {
    if (!path) return;
    let stopped = false;
    const timer = setInterval(async () => {
      // While the server is down or restarting a poll fails, body and all: the next one tries again.
      const next: T | undefined = await fetch(path)
        .then((response) => (response.ok ? response.json() : undefined))
        .then((body) => body?.[field])
        .catch(() => undefined);
      if (!next || stopped) return;
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
