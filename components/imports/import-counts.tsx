import type { ActivitySummary } from "@/lib/imports/activity-import";
import type { ImportSummary } from "@/lib/imports/imports";

type Counts = Pick<ImportSummary, "createdCount" | "updatedCount" | "rejectedCount" | "duplicateCount" | "totalRows"> & {
  id?: string;
  kind?: string;
  unknownOutcomes?: unknown;
  activitySummary?: unknown;
};

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

const n = (value: number) => value.toLocaleString("en-US");
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/**
 * An activity import's findings: whose activities they are (leads LeadRank has, or people it has
 * not yet, with their emails to download), rows cut or without activity.
 */
function ActivityFindings({ id, summary }: { id?: string; summary: ActivitySummary | null }) {
  if (!summary) return null;
  const { known, unknown, cutRows, emptyRows } = summary;
  return (
    <div className="mt-3 space-y-1 text-sm text-slate-700" data-testid="activity-findings">
      {known.activities > 0 ? (
        <p>
          {plural(known.activities, "activity", "activities")} for {plural(known.people, "of your leads", "of your leads")}.
        </p>
      ) : null}
      {unknown.activities > 0 ? (
        <p className="text-amber-800" data-testid="unknown-people">
          {plural(unknown.activities, "activity", "activities")} for {plural(unknown.people, "person who is", "people who are")} not among your leads yet — they will count when those leads arrive.{" "}
          {id ? (
            <a className="font-semibold text-indigo-700 hover:underline" href={`/api/imports/${id}/unknown-emails`} download>
              Download their emails (CSV)
            </a>
          ) : null}
        </p>
      ) : null}
      {cutRows > 0 ? <p>{plural(cutRows, "row", "rows")} had a type, detail or source longer than LeadRank keeps: cut to the limit.</p> : null}
      {emptyRows > 0 ? <p>{plural(emptyRows, "row", "rows")} counted no activity (all zero or no).</p> : null}
    </div>
  );
}

function CountGrid({ items }: { items: readonly (readonly [string, number, string, string])[] }) {
  return (
    <dl className={`grid grid-cols-2 gap-3 ${items.length === 5 ? "sm:grid-cols-5" : "sm:grid-cols-4"}`} data-testid="import-counts">
      {items.map(([label, value, colour, testId]) => (
        <div key={label} className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className={`text-lg font-semibold ${colour}`} data-testid={`count-${testId}`}>
            {n(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Leads: created + updated + rejected + duplicates = rows of the file. Activities: added + already
 * stored = activities of the rows; rejected rows beside them. Always shown together.
 */
export function ImportCounts({ counts }: { counts: Counts }) {
  const rejectedColour = counts.rejectedCount ? "text-red-700" : "text-slate-700";
  if (counts.kind === "activities") {
    return (
      <div>
        <CountGrid
          items={[
            ["Activities added", counts.createdCount, "text-emerald-700", "created"],
            ["Duplicates", counts.duplicateCount, "text-slate-700", "duplicates"],
            ["Rejected rows", counts.rejectedCount, rejectedColour, "rejected"],
            ["Rows in file", counts.totalRows, "text-slate-900", "rows"],
          ]}
        />
        <ActivityFindings id={counts.id} summary={(counts.activitySummary ?? null) as ActivitySummary | null} />
      </div>
    );
  }
  const items = [
    ["Created", counts.createdCount, "text-emerald-700", "created"],
    ["Updated", counts.updatedCount, "text-indigo-700", "updated"],
    ["Rejected", counts.rejectedCount, rejectedColour, "rejected"],
    ["Duplicates in file", counts.duplicateCount, "text-slate-700", "duplicates"],
    ["Rows in file", counts.totalRows, "text-slate-900", "rows"],
  ] as const;
  return (
    <div>
      <CountGrid items={items} />
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
