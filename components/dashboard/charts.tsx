"use client";

import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { GRADE_FILL } from "@/components/leads/score-badge";

export function TopFiveChart({ leads }: { leads: { name: string; score: number; grade: string }[] }) {
  return (
    <figure aria-label={`Top ${leads.length} leads by score: ${leads.map((l) => `${l.name} ${l.score}`).join(", ")}`} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={leads} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12, fill: "#334155" }} />
          <Tooltip formatter={(value) => [`${value} of 100`, "Score"]} cursor={{ fill: "#f1f5f9" }} />
          <Bar dataKey="score" radius={[0, 4, 4, 0]} isAnimationActive={false}>
            {leads.map((lead, i) => (
              <Cell key={i} fill={GRADE_FILL[lead.grade] ?? GRADE_FILL.D} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Leads submitted per day as bars; with activities, their count per day as a line on its own scale (right). */
export function TrendChart({ trend }: { trend: { day: string; leads: number; activities: number }[] }) {
  const total = trend.reduce((sum, day) => sum + day.leads, 0);
  const activities = trend.reduce((sum, day) => sum + day.activities, 0);
  const label = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  const names: Record<string, string> = { leads: "Leads submitted", activities: "Activities" };
  const description = `Leads submitted per day over the last ${trend.length} days: ${total} in all${activities ? `; activities: ${activities} in all` : ""}`;
  return (
    <figure aria-label={description} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={trend} margin={{ top: 4, right: activities ? 0 : 8, bottom: 4, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={label} minTickGap={24} tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis yAxisId="leads" allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} />
          {activities ? <YAxis yAxisId="activities" orientation="right" allowDecimals={false} tick={{ fontSize: 12, fill: "#0f766e" }} /> : null}
          <Tooltip labelFormatter={(day) => label(String(day))} formatter={(value, name) => [value, names[String(name)] ?? name]} cursor={{ fill: "#f1f5f9" }} />
          {activities ? <Legend formatter={(name) => names[String(name)] ?? name} wrapperStyle={{ fontSize: 12 }} /> : null}
          <Bar yAxisId="leads" dataKey="leads" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          {activities ? <Line yAxisId="activities" dataKey="activities" stroke="#0d9488" strokeWidth={2} dot={false} isAnimationActive={false} /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
