/** A labelled progress bar (0–100). */
export function ProgressBar({ label, percent, name = "Import progress" }: { label: string; percent: number; name?: string }) {
  return (
    <div>
      <p className="mb-2 text-sm text-slate-700">{label}</p>
      <div className="h-3 w-full overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} aria-label={name}>
        <div className="h-full rounded-full bg-indigo-600 transition-all" style={{ width: `${Math.max(2, percent)}%` }} />
      </div>
    </div>
  );
}
