"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/components/api";
import { RulesTable } from "@/components/scoring/rules-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Suggestion } from "@/lib/outcomes/suggest-model";

/** "Suggest a better model": fitted on the won and lost leads, cross-validated, shown as a diff, opened as a draft on request. */
export function SuggestedModel() {
  const router = useRouter();
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function suggest() {
    setBusy(true);
    const result = await api<Suggestion>("/api/insights/suggested-model", "POST");
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setError(null);
    setSuggestion(result.data);
  }

  async function openAsDraft() {
    if (!suggestion) return;
    const result = await api<{ model: { id: string } }>("/api/models", "POST", { name: suggestion.definition.name, definition: suggestion.definition });
    if (!result.ok) return setError(result.message);
    router.push(`/scoring?model=${result.data.model.id}`);
  }

  return (
    <section className="mt-6 rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-labelledby="suggestion-title">
      <h2 id="suggestion-title" className="font-semibold text-slate-900">
        A better model from your outcomes
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        LeadRank re-weights your rules and proposes tiers from your own data, in the same readable format, and checks the result on leads it did not learn from
        (5-fold cross-validation). Nothing changes until you open it as a draft and publish it.
      </p>
      <Button type="button" className="mt-3" onClick={suggest} disabled={busy}>
        {busy ? "Fitting on your won and lost leads…" : suggestion ? "Suggest again" : "Suggest a better model"}
      </Button>
      {error ? <div className="mt-3">{<Alert>{error}</Alert>}</div> : null}
      {suggestion ? (
        <div className="mt-4 space-y-4" data-testid="suggestion">
          <p className="text-sm text-slate-800">
            On leads held out from fitting, the suggestion ranks won above lost with an AUC of <span className="font-semibold">{suggestion.cv.suggested.toFixed(2)}</span> against{" "}
            <span className="font-semibold">{suggestion.cv.current.toFixed(2)}</span> for your active model (mean of 5 folds:{" "}
            {suggestion.cv.folds.map((f) => `${f.suggested.toFixed(2)} vs ${f.current.toFixed(2)}`).join("; ")}).
            {suggestion.fitted.sampled
              ? ` Fitted on a sample of ${(suggestion.fitted.won + suggestion.fitted.lost).toLocaleString("en-US")} of your ${(suggestion.closed.won + suggestion.closed.lost).toLocaleString("en-US")} closed leads, each outcome in its share.`
              : null}
          </p>
          {suggestion.better ? null : (
            <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="no-better-model">
              {suggestion.message} Keep recording won and lost leads and ask again later.
            </p>
          )}
          <div>
            <h3 className="text-sm font-semibold text-slate-900">What changes</h3>
            <ul className="mt-1 space-y-1 text-sm" data-testid="suggestion-diff">
              {suggestion.diff.map((change, i) => (
                <li key={i} className={change.kind === "added" ? "text-emerald-800" : change.kind === "removed" ? "text-red-800" : "text-slate-800"}>
                  {change.kind === "added" ? "+ Added" : change.kind === "removed" ? "− Removed" : "~ Changed"}: {change.what}
                </li>
              ))}
            </ul>
          </div>
          <details>
            <summary className="cursor-pointer text-sm text-indigo-700">All rules of the suggestion</summary>
            <RulesTable model={suggestion.definition} />
          </details>
          {suggestion.better ? (
            <Button type="button" onClick={openAsDraft}>
              Open as draft in the studio
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
