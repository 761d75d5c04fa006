"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { chooseNewPassword, forgotPassword } from "@/lib/auth/actions";

type ResetState = ActionState<{ sent: boolean; done: boolean }>;
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ResetState, FormData>(forgotPassword, {});
  if (state.sent) {
    return (
      <Alert tone="info">
        If an account uses that email, a link to choose a new password is on its way. It works once, within an hour. Nothing arrived? Check the spam folder, or ask again in a few minutes.
      </Alert>
    );
  }
  return (
    <form action={action} className="space-y-5" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Send me a link"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Back to sign-in
        </Link>
      </p>
    </form>
  );
}

export function ResetPasswordForm({ secret }: { secret: string }) {
  const [state, action, pending] = useActionState<ResetState, FormData>(chooseNewPassword, {});
  if (state.done) {
    return (
      <div className="space-y-5">
        <Alert tone="info">Your password was changed, every session of your account was signed out and every API token of yours was revoked.</Alert>
        <ButtonLink href="/sign-in" className="w-full">
          Sign in
        </ButtonLink>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="secret" value={secret} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" error={state.message} hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} required autoFocus />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
