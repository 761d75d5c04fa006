"use client";

import { dateTime } from "@/components/dates";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { compareModels, type ScoringModel } from "@/lib/scoring";
import { api } from "@/components/api";
import { RulesTable } from "./rules-table";

export type VersionView = { version: number; label: string; publishedAt: string; publishedBy: string | null; note: string | null; active: boolean; definition: ScoringModel };


/** The model's published versions: who published each and when, its rules, a comparison of two, and restore. */
export function Versions({ modelId, versions, hasDraft, canRestore, onRestored }: { modelId: string; versions: VersionView[]; hasDraft: boolean; canRestore: boolean; onRestored: (definition: ScoringModel) => void }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  // Until the user picks, the last two versions (also after a new one is published).
  const [picked, setPicked] = useState<[number, number] | null>(null);
  if (versions.length === 0) return <p className="text-sm text-slate-600">Nothing published yet: publish the draft to make version 1.</p>;
  const latest = versions.at(-1)!.version;
  const pair = picked ?? [versions.at(-2)?.version ?? latest, latest];
  const [from, to] = pair.map((number) => versions.find((v) => v.version === number));
  const changes = from && to ? compareModels(from.definition, to.definition) : [];

  async function restore(version: number) {
    if (hasDraft && !window.confirm(`Replace the current draft with version ${version}?`)) return;
    const result = await api<{ model: { draft: { definition: ScoringModel } } }>(`/api/models/${modelId}/restore`, "POST", { version });
    if (!result.ok) return setError(result.message);
    setError(null);
    onRestored(result.data.model.draft.definition);
    router.refresh();
  }

  return (
    <div className="space-y-4">
      {error ? <Alert>{error}</Alert> : null}
      <ol className="divide-y divide-slate-100" aria-label="Versions">
        {[...versions].reverse().map((version) => (
          <li key={version.version} className="py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <p className="text-sm font-medium text-slate-900">
                  {version.label}
                  {version.active ? <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200">active</span> : null}
                </p>
                <p className="text-xs text-slate-600">
                  Published {dateTime(version.publishedAt)} by {version.publishedBy ?? "LeadRank"}
                  {version.note ? ` · “${version.note}”` : ""}
                </p>
              </div>
              {/* The latest version is what a new draft starts from anyway, unless a draft has moved on from it. */}
              {canRestore && (version.version !== latest || hasDraft) ? (
                <button type="button" onClick={() => restore(version.version)} className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
                  Restore as draft
                </button>
              ) : null}
            </div>
            <details className="mt-1">
              <summary className="cursor-pointer text-sm text-indigo-700">Rules of version {version.version}</summary>
              <RulesTable model={version.definition} />
            </details>
          </li>
        ))}
      </ol>
      {versions.length > 1 ? (
        <section aria-labelledby="compare-title" className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
          <h3 id="compare-title" className="text-sm font-semibold text-slate-900">
            Compare versions
          </h3>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            {(["From", "To"] as const).map((label, i) => (
              <label key={label} className="flex items-center gap-1">
                {label}
                <select
                  value={pair[i]}
                  onChange={(e) => setPicked(i === 0 ? [Number(e.target.value), pair[1]] : [pair[0], Number(e.target.value)])}
                  className="rounded-md border-0 px-2 py-1 ring-1 ring-inset ring-slate-300"
                >
                  {versions.map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <ul className="mt-2 space-y-1 text-sm" data-testid="version-changes">
            {changes.length === 0 ? <li className="text-slate-600">The two versions have the same rules.</li> : null}
            {changes.map((change, i) => (
              <li key={i} className={change.kind === "added" ? "text-emerald-800" : change.kind === "removed" ? "text-red-800" : "text-slate-800"}>
                {change.kind === "added" ? "+ Added" : change.kind === "removed" ? "− Removed" : "~ Changed"}: {change.what}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
