"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function UndoButton({ importId, fileName, kind = "leads" }: { importId: string; fileName: string; kind?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function undo() {
    const effect = kind === "activities" ? "The activities it added are deleted." : "Leads it created are deleted and leads it updated get their previous values back.";
    if (!window.confirm(`Undo the import of ${fileName}? ${effect}`)) return;
    setPending(true);
    setError(null);
    const response = await fetch(`/api/imports/${importId}`, { method: "DELETE" });
    setPending(false);
    if (!response.ok) setError((await response.json()).error?.message ?? "The import could not be undone.");
    else router.refresh();
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" onClick={undo} disabled={pending} className="px-3 py-1">
        {pending ? "Undoing…" : "Undo"}
      </Button>
      {error ? (
        <p role="alert" className="max-w-xs text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
