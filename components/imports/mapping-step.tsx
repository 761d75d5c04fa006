"use client";

import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DELIMITER_NAMES, ENCODING_NAMES } from "@/lib/csv/detect";
import { defaultOutcome, distinctValues, normaliseOutcomeValue, OUTCOMES, type Outcome, type OutcomeValues } from "@/lib/csv/outcome";
import type { FileSample } from "@/lib/imports/file-sample";
import type { ImportKind } from "@/lib/imports/schemas";
import { fileSize } from "./format";
import { COUNTED } from "@/lib/activities/mapping";
import { isShown, KINDS, type AnyMapping } from "./kinds";
import { ScrollArea } from "@/components/ui/scroll-area";

/** Beyond this many columns, the mapping step lists the mapped ones and the first others only. */
const COLLAPSE_AFTER = 25;

export type MappingChoice = { file: File; kind: ImportKind; sample: FileSample; mapping: AnyMapping; outcomeValues: OutcomeValues; remembered: boolean };

/**
 * The mapping step: which sheet of a workbook, where each column goes, what the outcome
 * column's values mean, and a preview of the first rows.
 */
export function MappingStep({
  stage,
  onChange,
  onSheet,
  onCancel,
  onStart,
}: {
  stage: MappingChoice;
  onChange: (change: { mapping?: AnyMapping; outcomeValues?: OutcomeValues }) => void;
  onSheet: (name: string) => void;
  onCancel: () => void;
  onStart: () => void;
}) {
  const { file, kind, sample, mapping, outcomeValues } = stage;
  const view = KINDS[kind];
  const problems = view.problems(sample.headers, mapping);
  const preview = useMemo(() => {
    const read = view.preview(sample.headers, sample.rows, mapping, outcomeValues);
    return sample.rows.map((cells, row) => ({ cells, result: read[row] }));
  }, [view, sample, mapping, outcomeValues]);
  const outcomeColumn = kind === "leads" ? (mapping as (string | null)[]).indexOf("outcome") : -1;
  const example = (column: number) => sample.rows.find((row) => row[column])?.[column] ?? "";
  const shown = mapping.map((field, index) => ({ field, index })).filter(({ field }) => isShown(field)).slice(0, 5);
  // A wide file lists its mapped columns and the first few others; the rest on request.
  const [showAll, setShowAll] = useState(false);
  const listed = sample.headers
    .map((header, column) => ({ header, column }))
    .filter(({ column }, position) => showAll || sample.headers.length <= COLLAPSE_AFTER || mapping[column] !== null || position < COLLAPSE_AFTER);
  const hidden = sample.headers.length - listed.length;

  return (
    <section className="space-y-6 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <div>
        <h2 className="font-semibold text-slate-900">
          {file.name} <span className="font-normal text-slate-600">· {view.title.toLowerCase()}</span>
        </h2>
        <p className="mt-1 text-sm text-slate-600" data-testid="detected-format">
          {fileSize(file.size)} ·{" "}
          {sample.kind === "csv" ? `${ENCODING_NAMES[sample.encoding]} · ${DELIMITER_NAMES[sample.delimiter]}-separated` : `Excel workbook · sheet “${sample.sheet}”`} ·{" "}
          {sample.headers.length} columns
        </p>
        {sample.kind === "xlsx" && sample.sheets.length > 1 ? (
          <label className="mt-3 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <span>This workbook has {sample.sheets.length} sheets with leads. Import the sheet</span>
            <select
              value={sample.sheet}
              onChange={(event) => onSheet(event.target.value)}
              className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
            >
              {sample.sheets.map((sheet) => (
                <option key={sheet.name} value={sheet.name}>
                  {sheet.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {stage.remembered ? <p className="mt-1 text-sm text-indigo-700">Using the mapping you chose last time for these columns.</p> : null}
      </div>

      <div>
        <h3 className="text-sm font-semibold text-slate-900">Columns</h3>
        <p className="mb-3 text-sm text-slate-600">{view.columnsNote}</p>
        <ScrollArea label="Column mapping">
          <table className="min-w-full text-sm">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-2 pr-4 font-medium">Column in your file</th>
                <th className="py-2 pr-4 font-medium">Example</th>
                <th className="py-2 font-medium">Import as</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {listed.map(({ header, column }) => (
                <tr key={header}>
                  <td className="py-2 pr-4 font-medium text-slate-900">{header}</td>
                  <td className="max-w-[12rem] truncate py-2 pr-4 text-slate-600">{example(column)}</td>
                  <td className="py-2">
                    <select
                      aria-label={`Import "${header}" as`}
                      value={mapping[column] ?? ""}
                      onChange={(event) => onChange({ mapping: mapping.map((field, i) => (i === column ? event.target.value || null : field)) as AnyMapping })}
                      className="rounded-md border-0 py-1.5 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
                    >
                      {view.options.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
        {hidden > 0 ? (
          <Button variant="secondary" className="mt-2" onClick={() => setShowAll(true)}>
            Show the other {hidden.toLocaleString("en-US")} columns ({kind === "leads" ? "kept as extra data" : "ignored"})
          </Button>
        ) : null}
      </div>

      {outcomeColumn >= 0 ? (
        <OutcomeValuesChoice
          header={sample.headers[outcomeColumn]}
          values={distinctValues(sample.rows, outcomeColumn)}
          rows={sample.rows.length}
          chosen={outcomeValues}
          onChange={(values) => onChange({ outcomeValues: values })}
        />
      ) : null}

      <div>
        <h3 className="text-sm font-semibold text-slate-900">
          Preview of the first {preview.length === 1 ? "row" : `${preview.length} rows`}
        </h3>
        <ScrollArea label="Preview rows" className="mt-2">
          <table className="min-w-full text-sm" data-testid="preview">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-2 pr-4 font-medium">Status</th>
                {shown.map(({ field, index }) => (
                  <th key={index} className="py-2 pr-4 font-medium">
                    {field === COUNTED ? sample.headers[index] : view.label(field)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.map(({ cells, result }, row) => (
                <tr key={row}>
                  <td className="py-2 pr-4">
                    <span className={result.ok ? "text-emerald-700" : "text-red-700"}>{result.text}</span>
                  </td>
                  {shown.map(({ index }) => (
                    <td key={index} className="max-w-[14rem] truncate py-2 pr-4 text-slate-700">
                      {cells[index]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </div>

      {kind === "activities" && (mapping as (string | null)[]).includes(COUNTED) && !(mapping as (string | null)[]).includes("occurredAt") ? (
        <p className="text-sm text-slate-600" data-testid="counted-date">
          No date column: the counted activities are dated the day of the import (importing the same file again that day adds nothing).
        </p>
      ) : null}
      {problems.length ? (
        <Alert>
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button onClick={onStart} disabled={problems.length > 0}>
          Import {file.name}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Choose another file
        </Button>
      </div>
    </section>
  );
}

const OUTCOME_LABELS = { won: "Won", lost: "Lost", open: "Open" } as const;

/**
 * What each value of the outcome column means: pre-filled by LeadRank's rules (lib/csv/outcome.ts),
 * changed by the user, remembered with the mapping. A value left unrecognised keeps its leads
 * open, and the import counts it.
 */
function OutcomeValuesChoice({
  header,
  values,
  rows,
  chosen,
  onChange,
}: {
  header: string;
  values: { value: string; count: number }[];
  rows: number;
  chosen: OutcomeValues;
  onChange: (values: OutcomeValues) => void;
}) {
  return (
    <div data-testid="outcome-values">
      <h3 className="text-sm font-semibold text-slate-900">Outcomes from “{header}”</h3>
      <p className="mb-3 text-sm text-slate-600">
        Won and lost leads tell LeadRank how well your score predicts sales (they are never used to score). Values in the first {rows.toLocaleString("en-US")} rows:
      </p>
      <ul className="grid gap-2 sm:grid-cols-2">
        {values.map(({ value, count }) => {
          const key = normaliseOutcomeValue(value);
          const byRule = defaultOutcome(value);
          const choice = Object.hasOwn(chosen, key) ? chosen[key] : undefined;
          const current = choice ?? byRule ?? "open";
          return (
            <li key={key} className="flex items-center justify-between gap-3 rounded-md px-3 py-2 ring-1 ring-slate-200">
              <span className="min-w-0 text-sm">
                <span className="font-medium text-slate-900">{value || "(empty)"}</span> <span className="text-slate-500">× {count.toLocaleString("en-US")}</span>
                {!choice && !byRule ? <span className="block text-xs text-amber-700">Not recognised: kept open unless you choose</span> : null}
              </span>
              <select
                aria-label={`Outcome for "${value || "(empty)"}"`}
                value={current}
                onChange={(event) => onChange({ ...chosen, [key]: event.target.value as Outcome })}
                className="rounded-md border-0 py-1 pl-2 pr-8 text-sm ring-1 ring-inset ring-slate-300"
              >
                {OUTCOMES.map((outcome) => (
                  <option key={outcome} value={outcome}>
                    {OUTCOME_LABELS[outcome]}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
