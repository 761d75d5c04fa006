"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ApiResult } from "./api";

/**
 * For buttons that change something through the JSON API and then show the page anew: runs
 * one call at a time, keeps its error message, and refreshes the server-rendered page after.
 * `run` returns the call's data when it succeeded.
 */
export function useApiAction() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function run<T>(key: string, request: () => Promise<ApiResult<T>>): Promise<T | null> {
    setBusy(key);
    setError(null);
    const result = await request();
    setBusy(null);
    if (!result.ok) setError(result.message);
    router.refresh();
    return result.ok ? result.data : null;
  }

  return { error, setError, busy, run };
}
