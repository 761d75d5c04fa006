"use client";

import { useRouter } from "next/navigation";
import { useMemo, useReducer, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { Preview } from "@/lib/models/preview";
import { checkScoringModel, GRADES, STARTING_POINTS, suggestGrades, type GradeMix, type ScoringModel } from "@/lib/scoring";
import { api } from "@/components/api";
import { checkDraft, cleaned, editorReducer, type Draft } from "./editor-state";
import { ImpactPreview } from "./impact-preview";
import { ModelEditor } from "./model-editor";
import { RescoreProgress, useRescore, type JobState } from "./rescore-progress";
import { TryLead } from "./try-lead";
import { Versions, type VersionView } from "./versions";

export type StudioModel = { id: string; name: string; active: boolean; draft: { version: number; definition: ScoringModel } | null; versions: VersionView[] };

const CARD = "rounded-lg bg-white p-4 ring-1 ring-slate-200";

/** Starts a new model from a template, and opens it. */
function NewModel() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [from, setFrom] = useState<string>("active");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label="Create a model"
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await api<{ model: { id: string } }>("/api/models", "POST", { name, from });
        if (!result.ok) return setError(result.message);
        router.push(`/scoring?model=${result.data.model.id}`);
      }}
    >
      <div>
        <label htmlFor="new-model-name" className="block text-sm font-medium text-slate-700">
          New model
        </label>
        <input id="new-model-name" required placeholder="Iberian fintech" value={name} onChange={(e) => setName(e.target.value)} className="mt-1 rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600" />
      </div>
      <div>
        <label htmlFor="new-model-from" className="block text-sm font-medium text-slate-700">
          Start from
        </label>
        <select id="new-model-from" value={from} onChange={(e) => setFrom(e.target.value)} className="mt-1 rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300">
          {STARTING_POINTS.map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">
        Create
      </Button>
      {error ? <p className="w-full text-sm text-red-700">{error}</p> : null}
    </form>
  );
}

/**
 * The scoring studio for one model: edit its draft (starting from the latest version when
 * there is none), try a lead, preview the impact on the company's leads, publish, and watch
 * the re-score; the versions below.
 */
export function Studio({
  model,
  models,
  extraHeaders,
  job: initialJob,
  allowed,
}: {
  model: StudioModel;
  models: { id: string; name: string; active: boolean }[];
  extraHeaders: string[];
  job: JobState | null;
  /** What the signed-in role may do here (the server checks it again on every request). */
  allowed: { edit: boolean; publish: boolean };
}) {
  const router = useRouter();
  const latest = model.versions.at(-1);
  const start = (model.draft?.definition ?? latest?.definition) as Draft;
  const [draft, dispatch] = useReducer(editorReducer, start);
  // What is stored (the draft, or the latest version): the editor differs from it when unsaved.
  const [stored, setStored] = useState(JSON.stringify(start));
  const checked = useMemo(() => checkDraft(draft), [draft]);
  const [message, setMessage] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [mix, setMix] = useState<GradeMix>({ A: 10, B: 20, C: 30, D: 40 });
  const [note, setNote] = useState("");
  const [job, setJob] = useState<JobState | null>(initialJob);
  const rescore = useRescore(job);
  const upload = useRef<HTMLInputElement>(null);

  const current = JSON.stringify(draft);
  const unsaved = stored !== current;
  const problems = checked.list.length;

  async function run<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
    setBusy(label);
    try {
      return await work();
    } finally {
      setBusy(null);
    }
  }

  async function save(): Promise<boolean> {
    if (!checked.model) {
      setMessage({ tone: "error", text: `Fix the ${problems === 1 ? "problem" : `${problems} problems`} marked in the rules first.` });
      return false;
    }
    const result = await api(`/api/models/${model.id}/draft`, "PUT", { definition: cleaned(draft) });
    if (!result.ok) {
      setMessage({ tone: "error", text: result.message });
      return false;
    }
    setStored(current);
    setMessage({ tone: "info", text: "Draft saved. Nothing changes for your leads until you publish it." });
    router.refresh();
    return true;
  }

  async function discard() {
    if (!window.confirm("Discard the draft and its changes?")) return;
    const result = await api<{ deleted: boolean }>(`/api/models/${model.id}/draft`, "DELETE");
    if (!result.ok) return setMessage({ tone: "error", text: result.message });
    if (result.data.deleted) return router.push("/scoring");
    if (latest) dispatch({ type: "replace", draft: latest.definition });
    setStored(JSON.stringify(latest?.definition));
    setMessage({ tone: "info", text: `Draft discarded: the editor shows ${latest?.label} again.` });
    router.refresh();
  }

  async function runPreview(): Promise<Preview | null> {
    if (!checked.model) {
      setMessage({ tone: "error", text: `Fix the ${problems === 1 ? "problem" : `${problems} problems`} marked in the rules to preview.` });
      return null;
    }
    const result = await api<Preview>(`/api/models/${model.id}/preview`, "POST", { definition: cleaned(draft) });
    if (!result.ok) {
      setMessage({ tone: "error", text: result.message });
      return null;
    }
    setPreview(result.data);
    setPreviewed(current);
    return result.data;
  }

  async function suggest() {
    const base = preview ?? (await runPreview());
    if (!base) return;
    const grades = suggestGrades(base.distribution.draft, mix);
    dispatch({ type: "set", path: ["grades"], value: grades });
    setMessage({ tone: "info", text: `Grade thresholds set to A ${grades.A}, B ${grades.B}, C ${grades.C} from your ${base.leads.toLocaleString("en-US")} leads. Preview again to see the new mix.` });
  }

  async function publish() {
    if (unsaved && !(await save())) return;
    const result = await api<{ version: number; job: { id: string; status: JobState["status"] } }>(`/api/models/${model.id}/publish`, "POST", { note });
    if (!result.ok) return setMessage({ tone: "error", text: result.message });
    setJob({ ...result.data.job, processed: 0, total: preview?.leads ?? 0, changed: 0, error: null, version: { label: `${draft.name} v${result.data.version}` } });
    setStored(current);
    setNote("");
    setMessage({ tone: "info", text: `Published ${draft.name} v${result.data.version}. Your leads are being re-scored; every page shows the previous scores until it is done.` });
    router.refresh();
  }

  async function retry() {
    if (!rescore) return;
    const result = await api<{ job: JobState }>(`/api/scoring-jobs/${rescore.id}/retry`, "POST");
    if (!result.ok) return setMessage({ tone: "error", text: result.message });
    setJob({ ...result.data.job });
  }

  function download() {
    const blob = new Blob([JSON.stringify(cleaned(draft), null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${(draft.name || "model").toLowerCase().replace(/[^a-z0-9]+/g, "-")}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function load(file: File) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setMessage({ tone: "error", text: `${file.name} is not a JSON file.` });
    }
    const result = checkScoringModel(parsed);
    if (!result.ok) {
      return setMessage({ tone: "error", text: `${file.name} is not a LeadRank model: ${result.issues.slice(0, 3).map((i) => `${i.path || "model"}: ${i.message}`).join("; ")}.` });
    }
    dispatch({ type: "replace", draft: result.model });
    setMessage({ tone: "info", text: `Loaded ${file.name} into the editor. Save the draft to keep it.` });
  }

  const running = rescore && (rescore.status === "queued" || rescore.status === "running");
  const status = model.draft ? `Draft of version ${model.draft.version}` : latest ? `${latest.label} (published)` : "New model";

  return (
    <div className="space-y-6">
      <div className={`${CARD} flex flex-wrap items-end justify-between gap-4`}>
        <div>
          <label htmlFor="studio-model" className="block text-sm font-medium text-slate-700">
            Model
          </label>
          <select id="studio-model" value={model.id} onChange={(e) => router.push(`/scoring?model=${e.target.value}`)} className="mt-1 rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300">
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
                {m.active ? " (active)" : ""}
              </option>
            ))}
          </select>
        </div>
        {allowed.edit ? <NewModel /> : null}
      </div>
      {!allowed.edit ? <Alert tone="info">As a viewer you can read every model and try leads against it. Members edit drafts; owners publish them.</Alert> : null}

      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-4">
          <div className="flex flex-wrap items-center gap-2">
            <p className="mr-auto text-sm text-slate-700" data-testid="draft-status">
              <span className="font-medium">{status}</span>
              {unsaved ? <span className="ml-2 text-amber-700">· unsaved changes</span> : null}
              {problems ? <span className="ml-2 text-red-700">· {problems === 1 ? "1 problem" : `${problems} problems`}</span> : null}
            </p>
            {allowed.edit ? (
              <Button type="button" onClick={() => run("save", save)} disabled={busy !== null || !unsaved || checked.issues.size > 0}>
                Save draft
              </Button>
            ) : null}
            {allowed.edit && model.draft ? (
              <Button type="button" variant="secondary" onClick={() => run("discard", discard)} disabled={busy !== null}>
                Discard draft
              </Button>
            ) : null}
            <Button type="button" variant="secondary" onClick={download}>
              Download JSON
            </Button>
            {allowed.edit ? (
              <Button type="button" variant="secondary" onClick={() => upload.current?.click()}>
                Upload JSON
              </Button>
            ) : null}
            <input
              ref={upload}
              type="file"
              accept="application/json,.json"
              className="sr-only"
              aria-label="Model JSON file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) load(file);
                e.target.value = "";
              }}
            />
          </div>
          <fieldset disabled={!allowed.edit} className="min-w-0">
            <legend className="sr-only">Rules of {draft.name}</legend>
            <ModelEditor draft={draft} dispatch={dispatch} issues={checked.issues} extraHeaders={extraHeaders} />
          </fieldset>
        </div>

        <aside className="space-y-6">
          <TryLead model={checked.model} />

          {allowed.edit ? (
          <section className={CARD} aria-labelledby="preview-title">
            <h2 id="preview-title" className="font-semibold text-slate-900">
              Impact on your leads
            </h2>
            <p className="mt-1 text-sm text-slate-600">What publishing these rules would do, on your real leads. Nothing is changed.</p>
            <Button type="button" className="mt-3" onClick={() => run("preview", runPreview)} disabled={busy !== null}>
              {busy === "preview" ? "Scoring your leads…" : previewed === current ? "Preview again" : "Preview impact"}
            </Button>
            {preview && previewed !== current ? <p className="mt-2 text-sm text-amber-700">The rules changed since this preview.</p> : null}
            {preview ? <div className="mt-4">{<ImpactPreview preview={preview} />}</div> : null}
            <fieldset className="mt-5 border-t border-slate-100 pt-4">
              <legend className="text-sm font-semibold text-slate-900">Suggest grade thresholds</legend>
              <p className="text-sm text-slate-600">The share of leads you want in each grade (%).</p>
              <div className="mt-2 grid grid-cols-4 gap-2">
                {GRADES.map((grade) => (
                  <div key={grade}>
                    <label htmlFor={`mix-${grade}`} className="block text-sm text-slate-700">
                      {grade} %
                    </label>
                    <input
                      id={`mix-${grade}`}
                      type="number"
                      min={0}
                      max={100}
                      value={mix[grade]}
                      onChange={(e) => setMix({ ...mix, [grade]: Math.max(0, Number(e.target.value) || 0) })}
                      className="mt-1 block w-full rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-inset ring-slate-300"
                    />
                  </div>
                ))}
              </div>
              <Button type="button" variant="secondary" className="mt-3" onClick={() => run("suggest", suggest)} disabled={busy !== null}>
                Suggest thresholds
              </Button>
            </fieldset>
          </section>
          ) : null}

          {allowed.edit ? (
          <section className={CARD} aria-labelledby="publish-title">
            <h2 id="publish-title" className="font-semibold text-slate-900">
              Publish
            </h2>
            <p className="mt-1 text-sm text-slate-600">Makes these rules version {model.draft?.version ?? (latest?.version ?? 0) + 1} and re-scores every lead in the background.</p>
            <label htmlFor="publish-note" className="mt-3 block text-sm font-medium text-slate-700">
              Note (optional)
            </label>
            <input id="publish-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} placeholder="What changed and why" className="mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300" />
            {allowed.publish ? (
              <>
                <Button type="button" className="mt-3" onClick={() => run("publish", publish)} disabled={busy !== null || Boolean(running) || (!unsaved && !model.draft)}>
                  {busy === "publish" ? "Publishing…" : "Publish"}
                </Button>
                {!unsaved && !model.draft ? <p className="mt-2 text-sm text-slate-600">Change a rule to publish a new version.</p> : null}
              </>
            ) : (
              <p className="mt-3 text-sm text-slate-600" data-testid="publish-owners-only">
                Owners publish models. {allowed.edit ? "Save your draft and ask an owner to publish it." : ""}
              </p>
            )}
            {rescore ? (
              <div className="mt-4" data-testid="rescore-progress">
                <RescoreProgress job={rescore} />
                {rescore.status === "failed" && allowed.publish ? (
                  <div className="space-y-2">
                    <Alert>{`Re-scoring with ${rescore.version.label} failed: ${rescore.error}`}</Alert>
                    <Button type="button" variant="secondary" onClick={retry}>
                      Try again
                    </Button>
                  </div>
                ) : null}
              </div>
            ) : null}
          </section>
          ) : null}
        </aside>
      </div>

      <section className={CARD} aria-labelledby="versions-title">
        <h2 id="versions-title" className="mb-2 font-semibold text-slate-900">
          Versions of {model.name}
        </h2>
        <Versions
          modelId={model.id}
          versions={model.versions}
          hasDraft={Boolean(model.draft)}
          canRestore={allowed.edit}
          onRestored={(definition) => {
            dispatch({ type: "replace", draft: definition });
            setStored(JSON.stringify(definition));
            setMessage({ tone: "info", text: `${definition.name} restored as the draft. Publish it to make it active again.` });
          }}
        />
      </section>
    </div>
  );
}
