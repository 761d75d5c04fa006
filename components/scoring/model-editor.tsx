"use client";

import { useMemo, type Dispatch, type ReactNode } from "react";
import { BOOLEAN_FIELDS, EXTRA_PREFIX, NUMBER_FIELDS, TEXT_FIELDS, type Condition } from "@/lib/scoring";
import { fieldLabel } from "./describe";
import { NEW_CRITERION, type Draft, type EditorAction } from "./editor-state";

const INPUT = "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset focus:ring-indigo-600";
const SMALL_BUTTON = "rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-300";

const KINDS: { kind: Condition["kind"]; label: string }[] = [
  { kind: "keywords", label: "mentions" },
  { kind: "values", label: "is one of" },
  { kind: "range", label: "is between" },
  { kind: "yes", label: "is yes" },
  { kind: "present", label: "has a value" },
  { kind: "missing", label: "is empty" },
];

/** The fields a condition of this kind can read: canonical, derived and the company's extra columns. */
function fieldsFor(kind: Condition["kind"], extraHeaders: string[]): string[] {
  const extra = extraHeaders.map((header) => `${EXTRA_PREFIX}${header}`);
  switch (kind) {
    case "keywords":
    case "values":
      return [...TEXT_FIELDS, "emailDomain", ...extra];
    case "range":
      return [...NUMBER_FIELDS, ...extra];
    case "yes":
      return [...BOOLEAN_FIELDS, "freeEmail"];
    default:
      return [...TEXT_FIELDS, ...NUMBER_FIELDS, ...BOOLEAN_FIELDS, "emailDomain", "freeEmail", ...extra];
  }
}

/** A condition of another kind, keeping its field when that kind can read it. */
function asKind(condition: Condition, kind: Condition["kind"], extraHeaders: string[]): Condition {
  const fields = fieldsFor(kind, extraHeaders);
  const field = (fields.includes(condition.field) ? condition.field : fields[0]) as never;
  if (kind === "keywords") return { kind, field, keywords: "keywords" in condition ? condition.keywords : "values" in condition ? condition.values : [""] };
  if (kind === "values") return { kind, field, values: "values" in condition ? condition.values : "keywords" in condition ? condition.keywords : [""] };
  if (kind === "range") return { kind, field };
  return { kind, field };
}

function Issue({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

/** A warning, not a problem: a condition on an extra column that no recent import has matches no lead until one does. */
function UnknownColumn({ field, known }: { field: string; known: Set<string> }) {
  if (!field.startsWith(EXTRA_PREFIX)) return null;
  const header = field.slice(EXTRA_PREFIX.length).trim();
  if (!header || known.has(header.toLowerCase())) return null;
  return (
    <p className="mt-1 w-full text-sm text-amber-800" data-testid="unknown-column">
      No recent import has a column “{header}”: this condition matches no lead until one does.
    </p>
  );
}

/** A labelled input with the problem the schema finds at `path`, if any. */
function Input({ label, path, issues, hideLabel, className = "", ...input }: { label: string; path: string; issues: Map<string, string>; hideLabel?: boolean } & React.ComponentProps<"input">) {
  const id = `model-${path.replaceAll(".", "-")}`;
  const message = issues.get(path);
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      <input id={id} aria-invalid={message ? true : undefined} aria-describedby={message ? `${id}-issue` : undefined} className={`${INPUT} ${hideLabel ? "" : "mt-1"} ${message ? "ring-red-400" : "ring-slate-300"}`} {...input} />
      <Issue id={`${id}-issue`} message={message} />
    </div>
  );
}

const number = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));
const shownNumber = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "" : String(value));

function Select({ label, id, value, onChange, children }: { label: string; id: string; value: string; onChange: (value: string) => void; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${INPUT} ring-slate-300`}>
        {children}
      </select>
    </div>
  );
}

/**
 * The rule editor: name, description, points for 100, grade thresholds, and the criteria as
 * cards (label, mode, tiers of conditions and points, otherwise), each movable and removable.
 */
export function ModelEditor({ draft, dispatch, issues, extraHeaders }: { draft: Draft; dispatch: Dispatch<EditorAction>; issues: Map<string, string>; extraHeaders: string[] }) {
  const set = (path: (string | number)[], value: unknown) => dispatch({ type: "set", path, value });
  const grades = draft.grades ?? { A: 80, B: 60, C: 40 };
  const knownColumns = useMemo(() => new Set(extraHeaders.map((header) => header.toLowerCase())), [extraHeaders]);
  return (
    <div className="space-y-6">
      <section className="grid gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-2" aria-label="Model">
        <Input label="Model name" path="name" issues={issues} value={draft.name ?? ""} onChange={(e) => set(["name"], e.target.value)} />
        <Input
          label="Points for a score of 100"
          path="pointsFor100"
          issues={issues}
          type="number"
          inputMode="decimal"
          value={shownNumber(draft.pointsFor100)}
          onChange={(e) => set(["pointsFor100"], number(e.target.value))}
        />
        <div className="sm:col-span-2">
          <label htmlFor="model-description" className="block text-sm font-medium text-slate-700">
            Description
          </label>
          <textarea id="model-description" rows={2} value={draft.description ?? ""} onChange={(e) => set(["description"], e.target.value)} className={`${INPUT} mt-1 ring-slate-300`} />
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-700">Grade thresholds (lowest score of each grade; below C is D)</legend>
          <div className="mt-1 grid grid-cols-3 gap-3">
            {(["A", "B", "C"] as const).map((grade) => (
              <Input
                key={grade}
                label={`Grade ${grade} from`}
                path={`grades.${grade}`}
                issues={issues}
                type="number"
                inputMode="numeric"
                value={shownNumber(grades[grade])}
                onChange={(e) => set(["grades"], { ...grades, [grade]: number(e.target.value) })}
              />
            ))}
          </div>
          <Issue id="model-grades-issue" message={issues.get("grades")} />
        </fieldset>
      </section>

      <Issue id="model-criteria-issue" message={issues.get("criteria")} />
      <ol className="space-y-4" aria-label="Rules">
        {(draft.criteria ?? []).map((criterion, c) => {
          const at = `criteria.${c}`;
          return (
            <li key={c} className="rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-label={`Rule ${c + 1}: ${criterion.label}`}>
              <div className="flex flex-wrap items-end gap-2">
                <Input className="min-w-40 flex-1" label={`Rule ${c + 1} name`} path={`${at}.label`} issues={issues} value={criterion.label} onChange={(e) => set(["criteria", c, "label"], e.target.value)} />
                <div className="flex gap-1">
                  <button type="button" className={SMALL_BUTTON} aria-label={`Move rule ${c + 1} up`} disabled={c === 0} onClick={() => dispatch({ type: "move", path: ["criteria"], from: c, to: c - 1 })}>
                    ↑
                  </button>
                  <button type="button" className={SMALL_BUTTON} aria-label={`Move rule ${c + 1} down`} disabled={c === (draft.criteria?.length ?? 0) - 1} onClick={() => dispatch({ type: "move", path: ["criteria"], from: c, to: c + 1 })}>
                    ↓
                  </button>
                  <button type="button" className={SMALL_BUTTON} aria-label={`Remove rule ${c + 1}`} onClick={() => dispatch({ type: "remove", path: ["criteria"], index: c })}>
                    Remove
                  </button>
                </div>
              </div>
              <div className="mt-3 flex flex-wrap items-end gap-3 text-sm">
                <div>
                  <label htmlFor={`model-${at}-mode`} className="block text-sm font-medium text-slate-700">
                    When several tiers match
                  </label>
                  <select id={`model-${at}-mode`} value={criterion.mode ?? "first"} onChange={(e) => set(["criteria", c, "mode"], e.target.value)} className={`${INPUT} mt-1 ring-slate-300`}>
                    <option value="first">the first one counts</option>
                    <option value="sum">every match adds up</option>
                  </select>
                </div>
                {criterion.mode === "sum" ? (
                  <Input
                    className="w-28"
                    label="At most"
                    path={`${at}.max`}
                    issues={issues}
                    type="number"
                    value={shownNumber(criterion.max)}
                    onChange={(e) => set(["criteria", c, "max"], e.target.value === "" ? undefined : number(e.target.value))}
                  />
                ) : null}
                <Input
                  className="w-28"
                  label="Otherwise"
                  path={`${at}.otherwise`}
                  issues={issues}
                  type="number"
                  value={shownNumber(criterion.otherwise ?? 0)}
                  onChange={(e) => set(["criteria", c, "otherwise"], number(e.target.value))}
                />
              </div>
              <Issue id={`model-${at}-tiers-issue`} message={issues.get(`${at}.tiers`)} />
              <ul className="mt-3 space-y-3">
                {criterion.tiers.map((tier, t) => (
                  <li key={t} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200" aria-label={`Rule ${c + 1}, tier ${t + 1}`}>
                    <ul className="space-y-2">
                      {tier.when.map((condition, w) => {
                        const path = `${at}.tiers.${t}.when.${w}`;
                        const where = ["criteria", c, "tiers", t, "when", w];
                        const name = `rule ${c + 1}, tier ${t + 1}, condition ${w + 1}`;
                        return (
                          <li key={w} className="flex flex-wrap items-start gap-2">
                            {w > 0 ? <span className="py-1.5 text-sm text-slate-500">or</span> : null}
                            <Select label={`Field of ${name}`} id={`model-${path}-field`} value={condition.field} onChange={(value) => set([...where, "field"], value)}>
                              {[...new Set([...fieldsFor(condition.kind, extraHeaders), condition.field])].map((field) => (
                                <option key={field} value={field}>
                                  {fieldLabel(field)}
                                </option>
                              ))}
                            </Select>
                            <Select label={`Test of ${name}`} id={`model-${path}-kind`} value={condition.kind} onChange={(value) => set(where, asKind(condition, value as Condition["kind"], extraHeaders))}>
                              {KINDS.map((kind) => (
                                <option key={kind.kind} value={kind.kind}>
                                  {kind.label}
                                </option>
                              ))}
                            </Select>
                            {condition.kind === "keywords" || condition.kind === "values" ? (
                              <Input
                                className="min-w-48 flex-1"
                                hideLabel
                                label={`${condition.kind === "keywords" ? "Words" : "Values"} of ${name}, separated by commas`}
                                path={`${path}.${condition.kind}`}
                                issues={issues}
                                placeholder={condition.kind === "keywords" ? "CEO, Founder, Head of *" : "Fintech, Banking"}
                                value={(condition.kind === "keywords" ? condition.keywords : condition.values).join(", ")}
                                onChange={(e) => set([...where, condition.kind], e.target.value.split(/,\s*/))}
                              />
                            ) : null}
                            {condition.kind === "range" ? (
                              <>
                                <Input className="w-24" hideLabel label={`Minimum of ${name}`} placeholder="min" path={`${path}.min`} issues={issues} type="number" value={shownNumber(condition.min)} onChange={(e) => set([...where, "min"], e.target.value === "" ? undefined : number(e.target.value))} />
                                <Input className="w-24" hideLabel label={`Maximum of ${name}`} placeholder="max" path={`${path}.max`} issues={issues} type="number" value={shownNumber(condition.max)} onChange={(e) => set([...where, "max"], e.target.value === "" ? undefined : number(e.target.value))} />
                              </>
                            ) : null}
                            <button type="button" className={SMALL_BUTTON} aria-label={`Remove ${name}`} disabled={tier.when.length === 1} onClick={() => dispatch({ type: "remove", path: ["criteria", c, "tiers", t, "when"], index: w })}>
                              ×
                            </button>
                            <Issue id={`model-${path}-issue`} message={issues.get(path) ?? issues.get(`${path}.field`)} />
                            <UnknownColumn field={condition.field} known={knownColumns} />
                          </li>
                        );
                      })}
                    </ul>
                    <div className="mt-2 flex flex-wrap items-end gap-2">
                      <button
                        type="button"
                        className={SMALL_BUTTON}
                        onClick={() => dispatch({ type: "insert", path: ["criteria", c, "tiers", t, "when"], value: { kind: "keywords", field: "jobTitle", keywords: [""] } })}
                      >
                        + or
                      </button>
                      <Input
                        className="w-28"
                        label={`Points of rule ${c + 1}, tier ${t + 1}`}
                        hideLabel
                        placeholder="points"
                        path={`${at}.tiers.${t}.points`}
                        issues={issues}
                        type="number"
                        value={shownNumber(tier.points)}
                        onChange={(e) => set(["criteria", c, "tiers", t, "points"], number(e.target.value))}
                      />
                      <span className="py-1.5 text-sm text-slate-600">points</span>
                      <button type="button" className={`${SMALL_BUTTON} ml-auto`} aria-label={`Remove tier ${t + 1} of rule ${c + 1}`} onClick={() => dispatch({ type: "remove", path: ["criteria", c, "tiers"], index: t })}>
                        Remove tier
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className={`${SMALL_BUTTON} mt-3`}
                onClick={() => dispatch({ type: "insert", path: ["criteria", c, "tiers"], value: { points: 0, when: [{ kind: "keywords", field: criterion.tiers[0]?.when[0]?.field ?? "jobTitle", keywords: [""] }] } })}
              >
                + Tier
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className={SMALL_BUTTON} onClick={() => dispatch({ type: "insert", path: ["criteria"], value: { ...NEW_CRITERION, label: `Rule ${(draft.criteria?.length ?? 0) + 1}` } })}>
        + Add a rule
      </button>
    </div>
  );
}
