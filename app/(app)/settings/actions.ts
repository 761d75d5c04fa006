"use server";

import { revalidatePath } from "next/cache";
import { requireTenant } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/errors";
import { switchScoringModel } from "@/lib/leads/rescore";
import { presetById } from "@/lib/scoring";

export type ModelChoiceState = { ok?: boolean; message?: string };

/** Makes the chosen preset the company's model and re-scores every lead with it. */
export async function chooseScoringModel(_previous: ModelChoiceState, form: FormData): Promise<ModelChoiceState> {
  const { companyId } = await requireTenant();
  const model = presetById(String(form.get("modelId") ?? ""));
  if (!model) return { message: "Choose one of the scoring models listed." };
  try {
    const { leads } = await switchScoringModel(companyId, model.id);
    revalidatePath("/", "layout");
    return { ok: true, message: `Now scoring with ${model.name}: ${leads.toLocaleString("en-US")} leads re-scored.` };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { message: "LeadRank cannot reach its database right now. Please try again in a moment." };
    throw error;
  }
}
