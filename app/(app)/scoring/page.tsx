import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Studio } from "@/components/scoring/studio";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { extraColumnHeaders } from "@/lib/imports/imports";
import { getModel, listModels } from "@/lib/models/models";
import { getLatestScoringJob } from "@/lib/models/publish";

export const metadata: Metadata = { title: "Scoring studio · LeadRank" };

export default async function ScoringPage({ searchParams }: { searchParams: Promise<{ model?: string }> }) {
  const principal = await requirePrincipal();
  const { companyId } = principal;
  const [models, extraHeaders, job] = await Promise.all([listModels(companyId), extraColumnHeaders(companyId), getLatestScoringJob(companyId)]);
  const chosen = (await searchParams).model ?? models.find((m) => m.active)?.id ?? models[0]?.id;
  const model = chosen ? await getModel(companyId, chosen) : null;
  if (!model) notFound();
  // A re-score is shown while it runs, and a failed one until it is tried again.
  const shownJob = job && job.status !== "succeeded" ? job : null;
  return (
    <>
      <PageHeader title="Scoring studio" description="Write your own scoring rules, see what they do to your leads, and publish them: every lead is re-scored in the background." />
      <Studio
        key={model.id}
        model={{ ...model, versions: model.versions.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })) }}
        models={models.map(({ id, name, active }) => ({ id, name, active }))}
        extraHeaders={extraHeaders}
        job={shownJob}
        allowed={{ edit: can(principal, "models:edit"), publish: can(principal, "models:publish") }}
      />
    </>
  );
}
