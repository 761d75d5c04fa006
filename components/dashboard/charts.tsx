"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
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

export function TrendChart({ trend }: { trend: { day: string; leads: number }[] }) {
  const total = trend.reduce((sum, day) => sum + day.leads, 0);
  const label = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  return (
    <figure aria-label={`Leads submitted per day over the last ${trend.length} days: ${total} in all`} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={trend} margin={{ top: 4, right: 8, bottom: 4, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={label} minTickGap={24} tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#475569" }} />
          <Tooltip labelFormatter={(day) => label(String(day))} formatter={(value) => [value, "Leads submitted"]} cursor={{ fill: "#f1f5f9" }} />
          <Bar dataKey="leads" fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
