"use client";

import { useState } from "react";
import { savedMappingFor } from "@/app/(app)/imports/actions";
import { analyseSample, SAMPLE_BYTES } from "@/lib/csv/detect";
import { suggestMapping } from "@/lib/csv/mapping";
import type { ImportSummary } from "@/lib/imports/imports";
import { FileDrop } from "./file-drop";
import { fileSize } from "./format";
import { ImportRun } from "./import-run";
import { MappingStep, type MappingChoice } from "./mapping-step";
import { uploadImport } from "./upload-file";

type Stage =
  | { step: "choose"; error?: string }
  | ({ step: "map" } & MappingChoice)
  | { step: "upload"; file: File; percent: number }
  | { step: "import"; file: File; job: ImportSummary };

/** Importing a file, stage by stage: choose it, map its columns, upload it, follow the import. */
export function ImportUploader({ maxBytes }: { maxBytes: number }) {
  const [stage, setStage] = useState<Stage>({ step: "choose" });

  async function choose(file: File | undefined) {
    if (!file) return;
    if (file.size > maxBytes) return setStage({ step: "choose", error: `${file.name} is ${fileSize(file.size)}; the limit is ${fileSize(maxBytes)}. Split it into smaller files.` });
    try {
      const bytes = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
      const sample = analyseSample(bytes, file.size <= SAMPLE_BYTES);
      const saved = await savedMappingFor(sample.headers).catch(() => null);
      setStage({ step: "map", file, sample, mapping: saved?.mapping ?? suggestMapping(sample.headers), outcomeValues: saved?.outcomeValues ?? {}, remembered: saved !== null });
    } catch (error) {
      setStage({ step: "choose", error: `${file.name}: ${(error as Error).message}` });
    }
  }

  async function upload({ file, mapping, outcomeValues }: MappingChoice) {
    setStage({ step: "upload", file, percent: 0 });
    const result = await uploadImport(file, mapping, outcomeValues, (percent) => setStage({ step: "upload", file, percent }));
    setStage(result.ok ? { step: "import", file, job: result.job } : { step: "choose", error: result.message });
  }

  switch (stage.step) {
    case "map":
      return <MappingStep stage={stage} onChange={(change) => setStage({ ...stage, ...change })} onCancel={() => setStage({ step: "choose" })} onStart={() => void upload(stage)} />;
    case "upload":
      return <ImportRun fileName={stage.file.name} uploadPercent={stage.percent} job={null} onAnother={() => setStage({ step: "choose" })} />;
    case "import":
      return <ImportRun fileName={stage.file.name} job={stage.job} onAnother={() => setStage({ step: "choose" })} />;
    default:
      return <FileDrop maxBytes={maxBytes} error={stage.error} onFile={(file) => void choose(file)} />;
  }
}
