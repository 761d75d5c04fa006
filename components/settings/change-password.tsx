"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { changeOwnPassword } from "@/lib/auth/actions";

type PasswordState = ActionState<{ tokensRevoked: number }>;
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
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="revokeTokens" className="mt-1" />
        <span>Also revoke all my API tokens, in every company (do this if you think someone else knew your password).</span>
      </label>
      {state.ok ? (
        <Alert tone="info">
          Your password was changed. Your other sessions were signed out
          {state.tokensRevoked ? `, and ${state.tokensRevoked === 1 ? "your API token was" : `your ${state.tokensRevoked} API tokens were`} revoked` : ""}.
        </Alert>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
