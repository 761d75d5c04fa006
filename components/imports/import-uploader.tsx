"use client";

import { useState } from "react";
import { savedMappingFor } from "@/lib/imports/actions";
import { analyseSample, fileKind, SAMPLE_BYTES } from "@/lib/csv/detect";
import { withSheet, type FileSample } from "@/lib/imports/file-sample";
import type { ImportSummary } from "@/lib/imports/imports";
import type { ImportKind } from "@/lib/imports/schemas";
import { FileDrop } from "./file-drop";
import { fileSize } from "./format";
import { ImportRun } from "./import-run";
import { KINDS } from "./kinds";
import { MappingStep, type MappingChoice } from "./mapping-step";
import { previewUpload, uploadImport } from "./upload-file";

type Stage =
  | { step: "choose"; error?: string }
  | { step: "read"; file: File; percent: number }
  | ({ step: "map" } & MappingChoice)
  | { step: "upload"; file: File; percent: number }
  | { step: "import"; file: File; job: ImportSummary };

/**
 * Importing a file, stage by stage: choose it, (for a workbook) read its sheets on the server,
 * map its columns, upload it, follow the import.
 */
export function ImportUploader({ maxBytes }: { maxBytes: number }) {
  const [stage, setStage] = useState<Stage>({ step: "choose" });
  const [kind, setKind] = useState<ImportKind>("leads");
  const refuse = (file: File, message: string) => setStage({ step: "choose", error: `${file.name}: ${message}` });

  async function choose(file: File | undefined) {
    if (!file) return;
    if (file.size > maxBytes) return setStage({ step: "choose", error: `${file.name} is ${fileSize(file.size)}; the limit is ${fileSize(maxBytes)}. Split it into smaller files.` });
    try {
      const bytes = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
      // A CSV is read here from its first bytes; a workbook's sheets are read by the server.
      if (fileKind(bytes) === "csv") return await map(file, { kind: "csv", ...analyseSample(bytes, file.size <= SAMPLE_BYTES) });
      setStage({ step: "read", file, percent: 0 });
      const read = await previewUpload(file, (percent) => setStage({ step: "read", file, percent }));
      if (!read.ok) return refuse(file, read.message);
      await map(file, read.preview);
    } catch (error) {
      refuse(file, (error as Error).message);
    }
  }

  /** The mapping step for the file's sample, with the mapping used last for the same columns, else the suggested one. */
  async function map(file: File, sample: FileSample) {
    const found = await savedMappingFor({ headers: sample.headers, kind }).catch(() => null);
    const saved = found && "mapping" in found ? found : null;
    const mapping = saved?.mapping ?? KINDS[kind].suggest(sample.headers, sample.rows);
    setStage({ step: "map", file, kind, sample, mapping, outcomeValues: saved?.outcomeValues ?? {}, remembered: saved !== null });
  }

  async function upload({ file, kind, sample, mapping, outcomeValues }: MappingChoice) {
    setStage({ step: "upload", file, percent: 0 });
    const sheet = sample.kind === "xlsx" ? sample.sheet : undefined;
    const result = await uploadImport(file, { kind, mapping, outcomeValues, sheet }, (percent) => setStage({ step: "upload", file, percent }));
    setStage(result.ok ? { step: "import", file, job: result.job } : { step: "choose", error: result.message });
  }

  switch (stage.step) {
    case "read":
      return <ImportRun fileName={stage.file.name} uploadPercent={stage.percent} uploadLabel={`Reading the sheets of ${stage.file.name}…`} job={null} onAnother={() => setStage({ step: "choose" })} />;
    case "map":
      return (
        <MappingStep
          stage={stage}
          onChange={(change) => setStage({ ...stage, ...change })}
          onSheet={(name) => void map(stage.file, withSheet(stage.sample, name) ?? stage.sample)}
          onCancel={() => setStage({ step: "choose" })}
          onStart={() => void upload(stage)}
        />
      );
    case "upload":
      return <ImportRun fileName={stage.file.name} uploadPercent={stage.percent} job={null} onAnother={() => setStage({ step: "choose" })} />;
    case "import":
      return <ImportRun fileName={stage.file.name} job={stage.job} onAnother={() => setStage({ step: "choose" })} />;
    default:
      return (
        <div className="space-y-3">
          <KindChoice kind={kind} onChange={setKind} />
          <FileDrop maxBytes={maxBytes} sources={KINDS[kind].sources} error={stage.error} onFile={(file) => void choose(file)} />
        </div>
      );
  }
}

/** What the file brings in: leads, or what leads did. */
function KindChoice({ kind, onChange }: { kind: ImportKind; onChange: (kind: ImportKind) => void }) {
  return (
    <fieldset className="flex flex-wrap gap-2" data-testid="import-kind">
      <legend className="sr-only">What the file holds</legend>
      {(Object.keys(KINDS) as ImportKind[]).map((value) => (
        <label
          key={value}
          className={`flex cursor-pointer items-baseline gap-2 rounded-md px-3 py-2 text-sm ring-1 ${
            kind === value ? "bg-indigo-50 text-indigo-900 ring-indigo-400" : "bg-white text-slate-700 ring-slate-300 hover:ring-indigo-300"
          }`}
        >
          <input type="radio" name="import-kind" value={value} checked={kind === value} onChange={() => onChange(value)} className="accent-indigo-600" />
          <span>
            <span className="font-semibold">{KINDS[value].title}</span>: {KINDS[value].hint}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
