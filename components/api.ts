import type { ModelIssue } from "@/lib/scoring";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; issues?: ModelIssue[] };

/** Calls LeadRank's JSON API from the browser; an error comes back as its message (and a model's issues). */
export async function api<T>(path: string, method = "GET", body?: unknown): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => null);
    if (response.ok) return { ok: true, data: data as T };
    return { ok: false, status: response.status, message: data?.error?.message ?? "Something went wrong. Please try again.", issues: data?.error?.issues };
  } catch {
    return { ok: false, status: 0, message: "LeadRank could not be reached. Check your connection and try again." };
  }
}
