"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import type { ActionState } from "@/lib/actions";

type SignUpState = ActionState<{ email: string }>;
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { HOME_PATH } from "@/lib/auth/paths";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { signInWithPassword } from "./sign-in-with-password";

type ModelChoice = { id: string; name: string; description: string };

export function SignUpForm({
  action,
  models,
  defaultModel,
}: {
  action: (state: SignUpState, form: FormData) => Promise<SignUpState>;
  models: ModelChoice[];
  defaultModel: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const [signInError, setSignInError] = useState<string | null>(null);
  // React resets the form after the action runs, so the password is kept from the submit event.
  const password = useRef("");

  // The account exists: sign in with the password still in the form and open the app.
  useEffect(() => {
    if (!state.ok || !state.email) return;
    void signInWithPassword(state.email, password.current).then((failure) => {
      if (failure) setSignInError(`Your account was created, but signing in failed: ${failure}`);
      else window.location.assign(HOME_PATH);
    });
  }, [state]);

  const errors = state.fieldErrors ?? {};
  const busy = pending || (state.ok && !signInError);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        password.current = String(new FormData(event.currentTarget).get("password") ?? "");
      }}
      className="space-y-5"
      noValidate
    >
      {state.message && Object.keys(errors).length === 0 ? <Alert>{state.message}</Alert> : null}
      {signInError ? <Alert>{signInError}</Alert> : null}
      <Field label="Company name" name="companyName" autoComplete="organization" defaultValue={state.values?.companyName} error={errors.companyName} required autoFocus />
      <Field label="Your name" name="name" autoComplete="name" defaultValue={state.values?.name} error={errors.name} required />
      <Field label="Work email" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} error={errors.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`}
        required
      />
      <fieldset aria-describedby="scoringModelId-hint">
        <legend className="block text-sm font-medium text-slate-800">Scoring model</legend>
        <div className="mt-1 space-y-2">
          {models.map((model) => (
            <label key={model.id} className="flex cursor-pointer gap-3 rounded-md p-3 ring-1 ring-slate-300 has-[:checked]:ring-2 has-[:checked]:ring-indigo-600">
              <input
                type="radio"
                name="scoringModelId"
                value={model.id}
                defaultChecked={(state.values?.scoringModelId ?? defaultModel) === model.id}
                className="mt-0.5 accent-indigo-600"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{model.name}</span>
                <span className="block text-sm text-slate-600">{model.description}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.scoringModelId ? (
          <p className="mt-1 text-sm text-red-700">{errors.scoringModelId}</p>
        ) : (
          <p id="scoringModelId-hint" className="mt-1 text-sm text-slate-500">
            The rules that score your leads. You can switch in Settings at any time.
          </p>
        )}
      </fieldset>
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-semibold text-indigo-600 hover:text-indigo-500">
          Sign in
        </Link>
      </p>
    </form>
  );
}
