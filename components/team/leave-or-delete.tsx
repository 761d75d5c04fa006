"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { createAnotherCompany, deleteTeam, leaveTeam } from "@/lib/teams/actions";

type TeamActionState = ActionState;
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Leaving the company (anyone but its last owner). */
export function LeaveCompany({ companyName, onlyCompany }: { companyName: string; onlyCompany: boolean }) {
  const [state, action, pending] = useActionState<TeamActionState>(leaveTeam, {});
  return (
    <form
      action={action}
      onSubmit={(event) => {
        const warning = onlyCompany ? " It is your only company, so your LeadRank account is deleted too." : "";
        if (!window.confirm(`Leave ${companyName}? You lose access to its leads at once.${warning}`)) event.preventDefault();
      }}
      className="space-y-3"
    >
      <p className="text-sm text-slate-600">
        You lose access to {companyName} at once; your API tokens for it stop working.
        {onlyCompany ? " It is your only company: your account is deleted too." : ""}
      </p>
      {state.message ? <Alert>{state.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        Leave {companyName}
      </Button>
    </form>
  );
}

/** Deleting the company and everything in it (owners), after typing its name. */
export function DeleteCompany({ companyName }: { companyName: string }) {
  const [state, action, pending] = useActionState<TeamActionState, FormData>(deleteTeam, {});
  return (
    <form action={action} className="space-y-3" aria-label="Delete the company">
      <p className="text-sm text-slate-600">
        Deletes every lead, import, model, invitation, token and audit record of {companyName}, for everyone, for good. Members keep their other companies.
      </p>
      <Field label={`Type ${companyName} to confirm`} name="confirmName" autoComplete="off" error={state.message} required />
      <button type="submit" disabled={pending} className="rounded-md bg-red-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-500 disabled:bg-red-300">
        {pending ? "Deleting…" : "Delete this company"}
      </button>
    </form>
  );
}

/** Another company for the same person (an agency with several clients): they own it and switch to it. */
export function CreateCompany() {
  const [state, action, pending] = useActionState<TeamActionState, FormData>(createAnotherCompany, {});
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end" aria-label="Create another company">
      <Field label="Company name" name="companyName" autoComplete="organization" error={state.message} required />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Creating…" : "Create and switch"}
      </Button>
    </form>
  );
}
