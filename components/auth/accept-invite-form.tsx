"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import type { ActionState } from "@/lib/actions";
import { acceptInvite } from "@/lib/teams/actions";

type InviteState = ActionState;
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { HOME_PATH } from "@/lib/auth/paths";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { signInWithPassword } from "./sign-in-with-password";

/** Joining a company by invitation: a new person sets a name and password; a signed-in one just joins. */
export function AcceptInviteForm({ secret, email, companyName, newAccount }: { secret: string; email: string; companyName: string; newAccount: boolean }) {
  const [state, action, pending] = useActionState<InviteState, FormData>(acceptInvite, {});
  const [signInError, setSignInError] = useState<string | null>(null);
  const password = useRef("");

  useEffect(() => {
    if (!state.ok) return;
    void signInWithPassword(email, password.current).then((failure) => {
      if (failure) setSignInError(`You joined ${companyName}, but signing in failed: ${failure}`);
      else window.location.assign(HOME_PATH);
    });
  }, [state, email, companyName]);

  return (
    <form
      action={action}
      onSubmit={(event) => {
        password.current = String(new FormData(event.currentTarget).get("password") ?? "");
      }}
      className="space-y-5"
      noValidate
    >
      <input type="hidden" name="secret" value={secret} />
      <input type="hidden" name="email" value={email} />
      {state.message ? <Alert>{state.message}</Alert> : null}
      {signInError ? <Alert>{signInError}</Alert> : null}
      {newAccount ? (
        <>
          <Field label="Email" name="shownEmail" value={email} readOnly disabled />
          <Field label="Your name" name="name" autoComplete="name" required autoFocus />
          <Field label="Password" name="password" type="password" autoComplete="new-password" hint={`At least ${PASSWORD_MIN_LENGTH} characters.`} required />
        </>
      ) : null}
      <Button type="submit" disabled={pending || state.ok} className="w-full">
        {pending || state.ok ? "Joining…" : `Join ${companyName}`}
      </Button>
    </form>
  );
}
