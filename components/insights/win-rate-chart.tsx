"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type WinRateBar = { label: string; winRate: number | null; low: number | null; high: number | null; leads: number };

const percent = (value: number) => `${Math.round(value * 100)}%`;

type ShapeProps = { x?: number | null; y?: number | null; width?: number | null; height?: number | null; background?: { y?: number | null; height?: number | null }; payload?: unknown };

/** The bar, and its 95% interval as a whisker (the chart's full height is 0–100%). */
function BarWithInterval({ x: left, y: top, width: w, height: h, background, payload }: ShapeProps) {
  const [x, y, width, height] = [left ?? 0, top ?? 0, w ?? 0, h ?? 0];
  const bar = payload as { low: number; high: number; leads: number } | undefined;
  if (background?.y == null || background.height == null || !bar || bar.leads === 0) return <rect x={x} y={y} width={width} height={height} fill="#4f46e5" />;
  const [chartTop, chartHeight] = [background.y, background.height];
  const at = (value: number) => chartTop + chartHeight * (1 - value / 100);
  const middle = x + width / 2;
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill="#4f46e5" rx={2} />
      <line x1={middle} x2={middle} y1={at(bar.low)} y2={at(bar.high)} stroke="#0f172a" strokeWidth={1.5} />
      <line x1={middle - 5} x2={middle + 5} y1={at(bar.low)} y2={at(bar.low)} stroke="#0f172a" strokeWidth={1.5} />
      <line x1={middle - 5} x2={middle + 5} y1={at(bar.high)} y2={at(bar.high)} stroke="#0f172a" strokeWidth={1.5} />
    </g>
  );
}

/** Win rate per group (grade, score band) with its 95% interval drawn as an error bar. */
export function WinRateChart({ bars, name }: { bars: WinRateBar[]; name: string }) {
  const data = bars.map((bar) => ({
    label: bar.label,
    rate: bar.winRate === null ? 0 : bar.winRate * 100,
    low: (bar.low ?? 0) * 100,
    high: (bar.high ?? 0) * 100,
    leads: bar.leads,
  }));
  const summary = bars.map((bar) => `${bar.label}: ${bar.winRate === null ? "no closed leads" : `${percent(bar.winRate)} of ${bar.leads}`}`).join("; ");
  return (
    <figure aria-label={`${name}. ${summary}`} className="h-60 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: -12 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#475569" }} interval={0} />
          <YAxis domain={[0, 100]} tickFormatter={(v) => `${v}%`} tick={{ fontSize: 12, fill: "#475569" }} />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            formatter={(value, _name, item) => [`${Math.round(Number(value))}% of ${(item.payload as { leads: number }).leads} closed`, "Won"]}
          />
          <Bar dataKey="rate" fill="#4f46e5" isAnimationActive={false} shape={BarWithInterval} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
