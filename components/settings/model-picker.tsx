"use client";

import { useActionState } from "react";
import { chooseScoringModel, type ModelChoiceState } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Choice = { id: string; name: string; description: string };

/** The presets to choose from; choosing one re-scores every lead of the company. */
export function ModelPicker({ models, activeId, leadCount }: { models: Choice[]; activeId: string; leadCount: number }) {
  const [state, action, pending] = useActionState<ModelChoiceState, FormData>(chooseScoringModel, {});
  return (
    <form action={action} className="mt-4 space-y-3" aria-label="Choose the scoring model">
      <fieldset className="space-y-2" disabled={pending}>
        <legend className="sr-only">Scoring model</legend>
        {models.map((model) => (
          <label key={model.id} className="flex cursor-pointer gap-3 rounded-md p-3 ring-1 ring-slate-200 has-[:checked]:bg-indigo-50 has-[:checked]:ring-indigo-400">
            <input type="radio" name="modelId" value={model.id} defaultChecked={model.id === activeId} className="mt-1" />
            <span>
              <span className="block text-sm font-medium text-slate-900">
                {model.name}
                {model.id === activeId ? <span className="ml-2 text-xs font-normal text-slate-600">(in use)</span> : null}
              </span>
              <span className="block text-sm text-slate-600">{model.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? `Re-scoring ${leadCount.toLocaleString("en-US")} leads…` : "Use this model"}
        </Button>
        <p className="text-sm text-slate-600">All {leadCount.toLocaleString("en-US")} leads are re-scored with the model you choose.</p>
      </div>
      {state.message ? <Alert tone={state.ok ? "info" : "error"}>{state.message}</Alert> : null}
    </form>
  );
}
