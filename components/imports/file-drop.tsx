"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { fileSize } from "./format";

/** Where a file is dropped or chosen. */
export function FileDrop({ maxBytes, error, onFile }: { maxBytes: number; error?: string; onFile: (file: File | undefined) => void }) {
  const [dragging, setDragging] = useState(false);
  return (
    <section className="space-y-3">
      {error ? <Alert>{error}</Alert> : null}
      <label
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          onFile(event.dataTransfer.files[0]);
        }}
        className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center ${
          dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-white hover:border-indigo-400"
        }`}
      >
        <span className="text-base font-semibold text-slate-900">Drop a CSV file here, or click to choose one</span>
        <span className="mt-1 text-sm text-slate-600">
          Exports from HubSpot, Salesforce or Excel work as they are (comma, semicolon or tab separated). Up to {fileSize(maxBytes)}.
        </span>
        <input type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" className="sr-only" aria-label="CSV file" onChange={(event) => onFile(event.target.files?.[0])} />
      </label>
    </section>
  );
}
