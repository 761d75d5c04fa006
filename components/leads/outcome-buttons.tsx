"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/components/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const CHOICES = [
  ["won", "Mark won"],
  ["lost", "Mark lost"],
  ["open", "Reopen"],
] as const;

/** Won / lost / reopen on the lead page: a label for measuring the score, which does not change. */
export function OutcomeButtons({ leadId, outcome }: { leadId: string; outcome: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function choose(next: string) {
    setPending(true);
    const result = await api(`/api/leads/${leadId}`, "PATCH", { outcome: next });
    setPending(false);
    if (!result.ok) return setError("The outcome could not be saved. Please try again.");
    setError(null);
    router.refresh();
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Outcome">
        {CHOICES.filter(([value]) => value !== outcome).map(([value, label]) => (
          <Button key={value} type="button" variant="secondary" disabled={pending} onClick={() => choose(value)}>
            {label}
          </Button>
        ))}
      </div>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
