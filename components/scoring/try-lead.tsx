"use client";

import { useEffect, useState } from "react";
import { ScoreBadge } from "@/components/leads/score-badge";
import { fieldByName } from "@/lib/csv/fields";
import { leadDisplayName } from "@/lib/leads/lead-name";
import { scoreLead, type ScorableLead, type ScoringModel } from "@/lib/scoring";
import { api } from "@/components/api";

type Found = { id: string; email: string; fullName: string | null; firstName: string | null; lastName: string | null; score: number; grade: string };

/** The fields one can type in to try a lead, with their labels (lib/csv/fields.ts). */
const TYPED_FIELDS = (["email", "jobTitle", "companySize", "industry", "location"] as const).map((field) => [field, fieldByName(field)!.label] as const);

/**
 * Try a lead: one of the company's leads (found by name or email) or values typed in, scored
 * with the rules as they stand in the editor, updated as they change.
 */
export function TryLead({ model }: { model: ScoringModel | null }) {
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Found[]>([]);
  const [lead, setLead] = useState<(ScorableLead & { name?: string; score?: number; grade?: string }) | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [mode, setMode] = useState<"search" | "type">("search");

  useEffect(() => {
    if (mode !== "search" || query.trim().length < 2) return;
    const timer = setTimeout(async () => {
      const result = await api<{ leads: Found[] }>(`/api/leads?${new URLSearchParams({ q: query, pageSize: "5" })}`);
      if (result.ok) setFound(result.data.leads);
    }, 250);
    return () => clearTimeout(timer);
  }, [query, mode]);

  async function pick(id: string) {
    const result = await api<{ lead: ScorableLead & Omit<Found, "id"> }>(`/api/leads/${id}`);
    if (result.ok) {
      setLead({ ...result.data.lead, name: leadDisplayName(result.data.lead) });
      setFound([]);
    }
  }

  const subject: ScorableLead | null =
    mode === "type" ? { ...typed, companySize: typed.companySize ? Number(typed.companySize.replaceAll(",", "")) : null } : lead;
  const result = subject && model ? scoreLead(subject, model) : null;

  return (
    <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-labelledby="try-lead-title">
      <h2 id="try-lead-title" className="font-semibold text-slate-900">
        Try a lead
      </h2>
      <div className="mt-2 flex gap-2 text-sm" role="group" aria-label="Lead to try">
        {(["search", "type"] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            aria-pressed={mode === choice}
            onClick={() => setMode(choice)}
            className={`rounded-md px-2.5 py-1 font-medium ring-1 ring-inset ${mode === choice ? "bg-indigo-50 text-indigo-800 ring-indigo-300" : "text-slate-700 ring-slate-300"}`}
          >
            {choice === "search" ? "One of your leads" : "Type values"}
          </button>
        ))}
      </div>
      {mode === "search" ? (
        <div className="mt-3">
          <label htmlFor="try-lead-search" className="block text-sm font-medium text-slate-700">
            Find a lead by name or email
          </label>
          <input
            id="try-lead-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
          />
          {found.length > 0 ? (
            <ul className="mt-1 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label="Leads found">
              {found.map((lead) => (
                <li key={lead.id}>
                  <button type="button" onClick={() => pick(lead.id)} className="flex w-full items-center justify-between gap-2 px-2.5 py-1.5 text-left text-sm hover:bg-slate-50">
                    <span className="truncate">
                      {leadDisplayName(lead)} <span className="text-slate-500">{lead.email}</span>
                    </span>
                    <ScoreBadge score={lead.score} grade={lead.grade} />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <div className="mt-3 grid grid-cols-2 gap-2">
          {TYPED_FIELDS.map(([field, label]) => (
            <div key={field} className={field === "email" || field === "jobTitle" ? "col-span-2" : ""}>
              <label htmlFor={`try-${field}`} className="block text-sm font-medium text-slate-700">
                {label}
              </label>
              <input
                id={`try-${field}`}
                value={typed[field] ?? ""}
                inputMode={field === "companySize" ? "numeric" : undefined}
                onChange={(e) => setTyped({ ...typed, [field]: e.target.value })}
                className="mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
              />
            </div>
          ))}
        </div>
      )}
      {!model ? <p className="mt-3 text-sm text-slate-600">Fix the problems in the rules to see a score.</p> : null}
      {result ? (
        <div className="mt-4" data-testid="try-result">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-slate-900">{mode === "search" ? lead?.name : "Typed lead"}</p>
            <span className="flex items-center gap-2 text-sm text-slate-600">
              {mode === "search" && lead?.score !== undefined ? <span>now {lead.score} →</span> : null}
              <ScoreBadge score={result.score} grade={result.grade} />
            </span>
          </div>
          <table className="mt-2 w-full text-sm">
            <tbody className="divide-y divide-slate-100">
              {result.breakdown.map((entry) => (
                <tr key={entry.criterion}>
                  <td className="py-1 pr-2 text-slate-900">{entry.label}</td>
                  <td className="py-1 pr-2 text-slate-600">
                    {entry.value === null ? <span className="italic">empty</span> : typeof entry.value === "boolean" ? (entry.value ? "yes" : "no") : String(entry.value)}
                    {entry.matched && entry.matched !== String(entry.value) && typeof entry.value !== "boolean" ? ` (${entry.matched})` : ""}
                    {entry.capped ? ` (capped −${entry.capped})` : ""}
                  </td>
                  <td className="py-1 text-right font-medium text-slate-900">{entry.points}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t border-slate-300">
                <td className="py-1 pr-2 font-semibold" colSpan={2}>
                  {result.rawPoints} of {model!.pointsFor100} points
                </td>
                <td className="py-1 text-right font-semibold">{result.score}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </section>
  );
}
