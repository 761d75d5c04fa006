"use client";

import { useFormStatus } from "react-dom";
import { trySampleData } from "@/lib/sample-data/actions";
import { Button } from "@/components/ui/button";

function Submit() {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
      {pending ? "Preparing sample data…" : "Try with sample data"}
    </Button>
  );
}

/** "Try with sample data": disabled while its request runs (the server also refuses a second sample import). */
export function SampleDataButton() {
  return (
    <form action={trySampleData}>
      <Submit />
    </form>
  );
}
