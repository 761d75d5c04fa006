import type { ImportSummary } from "@/lib/imports/imports";

type Counts = Pick<ImportSummary, "createdCount" | "updatedCount" | "rejectedCount" | "duplicateCount" | "totalRows"> & { unknownOutcomes?: unknown };

/** "142 rows: 'Nurture' (120), 'Evangelist' (22) — kept open": outcome values no rule knew. */
function UnknownOutcomes({ values }: { values: Record<string, number> }) {
  const entries = Object.entries(values).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  const rows = entries.reduce((sum, [, count]) => sum + count, 0);
  return (
    <p className="mt-3 text-sm text-amber-800" data-testid="unknown-outcomes">
      Outcome not recognised in {rows.toLocaleString("en-US")} {rows === 1 ? "row" : "rows"}: {entries.map(([value, count]) => `“${value}” (${count.toLocaleString("en-US")})`).join(", ")} — kept open.
      Choose what they mean the next time you import the file.
    </p>
  );
}

/** created + updated + rejected + duplicates = rows of the file, always shown together. */
export function ImportCounts({ counts }: { counts: Counts }) {
  const items = [
    ["Created", counts.createdCount, "text-emerald-700"],
    ["Updated", counts.updatedCount, "text-indigo-700"],
    ["Rejected", counts.rejectedCount, counts.rejectedCount ? "text-red-700" : "text-slate-700"],
    ["Duplicates in file", counts.duplicateCount, "text-slate-700"],
    ["Rows in file", counts.totalRows, "text-slate-900"],
  ] as const;
  return (
    <div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="import-counts">
        {items.map(([label, value, colour]) => (
          <div key={label} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className={`text-lg font-semibold ${colour}`} data-testid={`count-${label.split(" ")[0].toLowerCase()}`}>
              {value.toLocaleString("en-US")}
            </dd>
          </div>
        ))}
      </dl>
      <UnknownOutcomes values={(counts.unknownOutcomes ?? {}) as Record<string, number>} />
    </div>
  );
}

export const STATUS_LABELS: Record<string, { label: string; colour: string }> = {
  queued: { label: "Queued", colour: "bg-slate-100 text-slate-700" },
  running: { label: "Importing", colour: "bg-indigo-100 text-indigo-800" },
  succeeded: { label: "Imported", colour: "bg-emerald-100 text-emerald-800" },
  failed: { label: "Failed", colour: "bg-red-100 text-red-800" },
  undone: { label: "Undone", colour: "bg-amber-100 text-amber-800" },
};

export function StatusBadge({ status }: { status: string }) {
  const { label, colour } = STATUS_LABELS[status] ?? { label: status, colour: "bg-slate-100 text-slate-700" };
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${colour}`}>{label}</span>;
}
