"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ScoreBadge } from "@/components/leads/score-badge";
import type { Preview } from "@/lib/models/preview";
import { ScrollArea } from "@/components/ui/scroll-area";
import { GRADES } from "@/lib/scoring";

const n = (value: number) => value.toLocaleString("en-US");

/** Scores now and with the draft, in 10-point buckets. */
function HistogramChart({ histogram }: { histogram: Preview["histogram"] }) {
  return (
    <figure aria-label="Leads per score bucket, now and with the draft" className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={histogram} margin={{ top: 4, right: 4, bottom: 4, left: -12 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="bucket" tick={{ fontSize: 11, fill: "#475569" }} interval={0} angle={-30} textAnchor="end" height={40} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#475569" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="now" name="Now" fill="#94a3b8" isAnimationActive={false} />
          <Bar dataKey="draft" name="With the draft" fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** What publishing the draft would do to the company's leads (nothing is written). */
export function ImpactPreview({ preview }: { preview: Preview }) {
  return (
    <div className="space-y-5" data-testid="impact-preview">
      <dl className="grid grid-cols-3 gap-2 text-center">
        {[
          ["Go up", preview.up, "text-emerald-700"],
          ["Go down", preview.down, "text-red-700"],
          ["Stay", preview.same, "text-slate-700"],
        ].map(([label, value, colour]) => (
          <div key={label as string} className="rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className={`text-lg font-semibold ${colour}`} data-testid={`preview-${String(label).toLowerCase().replace(" ", "-")}`}>
              {n(value as number)}
            </dd>
          </div>
        ))}
      </dl>

      <p className="text-sm text-slate-700" data-testid="preview-outcomes">
        {preview.outcomes.auc
          ? `On your ${n(preview.outcomes.won)} won and ${n(preview.outcomes.lost)} lost leads, the draft ranks ${preview.outcomes.auc.draft.toFixed(2)} (ROC AUC) against ${preview.outcomes.auc.now.toFixed(2)} now.`
          : `With 20 won and 20 lost leads (${n(preview.outcomes.won)} and ${n(preview.outcomes.lost)} so far), the preview also says which ranks them better.`}
      </p>

      <div>
        <h3 className="text-sm font-semibold text-slate-900">Scores now and with the draft</h3>
        <HistogramChart histogram={preview.histogram} />
      </div>

      <div>
        <h3 className="text-sm font-semibold text-slate-900">Grade moves</h3>
        <ScrollArea label="Grades now and with the draft" className="mt-1">
          <table className="w-full text-center text-sm" aria-label="Leads by grade now (rows) and with the draft (columns)">
            <thead>
              <tr>
                <th className="py-1 text-left font-medium text-slate-600">Now ↓ / draft →</th>
                {GRADES.map((grade) => (
                  <th key={grade} scope="col" className="py-1 font-medium text-slate-600">
                    {grade}
                  </th>
                ))}
                <th className="py-1 font-medium text-slate-600">Total</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {GRADES.map((from) => (
                <tr key={from}>
                  <th scope="row" className="py-1 text-left font-medium text-slate-700">
                    {from}
                  </th>
                  {GRADES.map((to) => (
                    <td key={to} className={`py-1 ${from === to ? "text-slate-500" : preview.grades.moves[from][to] ? "font-semibold text-slate-900" : "text-slate-300"}`}>
                      {n(preview.grades.moves[from][to])}
                    </td>
                  ))}
                  <td className="py-1 text-slate-700">{n(preview.grades.now[from])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row" className="py-1 text-left font-medium text-slate-700">
                  Total
                </th>
                {GRADES.map((to) => (
                  <td key={to} className="py-1 font-medium text-slate-900">
                    {n(preview.grades.draft[to])}
                  </td>
                ))}
                <td className="py-1 text-slate-700">{n(preview.leads)}</td>
              </tr>
            </tbody>
          </table>
        </ScrollArea>
      </div>

      <div>
        <h3 className="text-sm font-semibold text-slate-900">New top 10</h3>
        <ol className="mt-1 divide-y divide-slate-100 text-sm" data-testid="preview-top">
          {preview.top.map((lead) => (
            <li key={lead.id} className="flex items-center justify-between gap-2 py-1">
              <span className="min-w-0 truncate">
                <span className="text-slate-500">{lead.rank}.</span> {lead.name}
              </span>
              <span className="flex shrink-0 items-center gap-2 text-xs text-slate-600">
                was #{n(lead.currentRank)}, {lead.currentScore}
                <ScoreBadge score={lead.score} grade={lead.grade} />
              </span>
            </li>
          ))}
        </ol>
      </div>

      {(["up", "down"] as const).map((direction) =>
        preview.movers[direction].length ? (
          <div key={direction}>
            <h3 className="text-sm font-semibold text-slate-900">Biggest moves {direction}</h3>
            <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid={`movers-${direction}`}>
              {preview.movers[direction].map((lead) => (
                <li key={lead.id} className="py-1">
                  <div className="flex items-center justify-between gap-2">
                    <span className="min-w-0 truncate">{lead.name}</span>
                    <span className={`shrink-0 font-medium ${lead.delta > 0 ? "text-emerald-700" : "text-red-700"}`}>
                      {lead.currentScore} → {lead.score}
                    </span>
                  </div>
                  <p className="text-xs text-slate-500">by {lead.rule}</p>
                </li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
    </div>
  );
}
