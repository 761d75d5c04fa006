"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { fileSize } from "./format";

/** Where a file is dropped or chosen. */
export function FileDrop({ maxBytes, sources, error, onFile }: { maxBytes: number; sources: string; error?: string; onFile: (file: File | undefined) => void }) {
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
        <span className="text-base font-semibold text-slate-900">Drop a CSV file or an Excel workbook here, or click to choose one</span>
        <span className="mt-1 text-sm text-slate-600">
          {sources} (comma, semicolon or tab separated) and Excel workbooks (.xlsx) work as they are. Up to {fileSize(maxBytes)}.
        </span>
        <span className="mt-1 text-xs text-slate-500">Old .xls workbooks and password-protected ones: save them as .xlsx or CSV first.</span>
        <input
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="sr-only"
          aria-label="CSV or Excel file"
          onChange={(event) => onFile(event.target.files?.[0])}
        />
      </label>
    </section>
  );
}
