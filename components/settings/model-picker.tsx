"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { switchActiveModel } from "@/lib/models/actions";

type ModelChoiceState = ActionState;
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Choice = { id: string; name: string; latest: string; active: boolean };

/** The company's published models; choosing another re-scores every lead in the background. */
export function ModelPicker({ models, leadCount }: { models: Choice[]; leadCount: number }) {
  const [state, action, pending] = useActionState<ModelChoiceState, FormData>(switchActiveModel, {});
  return (
    <form action={action} className="mt-4 space-y-3" aria-label="Choose the active model">
      <fieldset className="space-y-2" disabled={pending}>
        <legend className="sr-only">Active model</legend>
        {models.map((model) => (
          <label key={model.id} className="flex cursor-pointer gap-3 rounded-md p-3 ring-1 ring-slate-200 has-[:checked]:bg-indigo-50 has-[:checked]:ring-indigo-400">
            <input type="radio" name="modelId" value={model.id} defaultChecked={model.active} className="mt-1" />
            <span className="block text-sm font-medium text-slate-900">
              {model.latest}
              {model.active ? <span className="ml-2 text-xs font-normal text-slate-600">(active)</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          Use this model
        </Button>
        <p className="text-sm text-slate-600">
          All {leadCount.toLocaleString("en-US")} leads are re-scored in the background. To change the rules, open the{" "}
          <Link href="/scoring" className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
            scoring studio
          </Link>
          .
        </p>
      </div>
      {state.message ? <Alert tone={state.ok ? "info" : "error"}>{state.message}</Alert> : null}
    </form>
  );
}
