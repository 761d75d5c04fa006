"use client";

import { useActionState } from "react";
import { changeOwnPassword, type PasswordState } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";

export function ChangePassword() {
  const [state, action, pending] = useActionState<PasswordState, FormData>(changeOwnPassword, {});
  return (
    <form action={action} className="max-w-md space-y-4" aria-label="Change your password">
      <Field label="Current password" name="current" type="password" autoComplete="current-password" error={state.fieldErrors?.current} required />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={state.fieldErrors?.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Your other sessions are signed out.`}
        required
      />
      {state.ok ? <Alert tone="info">Your password was changed. Your other sessions were signed out.</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
