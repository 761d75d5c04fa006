const GRADE_COLOURS: Record<string, string> = {
  A: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  B: "bg-sky-100 text-sky-800 ring-sky-200",
  C: "bg-amber-100 text-amber-800 ring-amber-200",
  D: "bg-slate-100 text-slate-700 ring-slate-200",
};

export const GRADE_FILL: Record<string, string> = { A: "#059669", B: "#0284c7", C: "#d97706", D: "#64748b" };

/** A score with its grade, coloured by grade. */
export function ScoreBadge({ score, grade }: { score: number; grade: string }) {
  return (
    <span
      className={`inline-flex min-w-[3.5rem] items-center justify-center gap-1 rounded-full px-2 py-0.5 text-sm font-semibold ring-1 ring-inset ${GRADE_COLOURS[grade] ?? GRADE_COLOURS.D}`}
      title={`Score ${score} of 100, grade ${grade}`}
    >
      {score}
      <span className="text-xs font-medium opacity-75">{grade}</span>
    </span>
  );
}

const OUTCOME_STYLE: Record<string, [string, string]> = {
  won: ["Won", "bg-emerald-100 text-emerald-800"],
  lost: ["Lost", "bg-red-100 text-red-800"],
  open: ["Open", "bg-slate-100 text-slate-700"],
};

/** A lead's outcome: won, lost or open. */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  const [label, style] = OUTCOME_STYLE[outcome] ?? OUTCOME_STYLE.open;
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${style}`}>{label}</span>;
}
