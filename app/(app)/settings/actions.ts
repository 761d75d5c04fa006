"use server";

import { revalidatePath } from "next/cache";
import { requirePrincipal } from "@/lib/auth/session";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";
import { activateModel } from "@/lib/models/scoring-jobs";
import { changePassword } from "@/lib/auth/passwords";

export type ModelChoiceState = { ok?: boolean; message?: string };

/** Makes the chosen model's latest version the active one; the leads are re-scored in the background. */
export async function switchActiveModel(_previous: ModelChoiceState, form: FormData): Promise<ModelChoiceState> {
  const principal = await requirePrincipal("models:publish");
  try {
    const { version } = await activateModel(principal.companyId, String(form.get("modelId") ?? ""), principal);
    revalidatePath("/", "layout");
    return { ok: true, message: `Re-scoring your leads with version ${version} in the background. Every page keeps the current scores until it is done.` };
  } catch (error) {
    if (error instanceof AppError) return { message: "Choose one of the models listed." };
    if (isDatabaseUnavailable(error)) return { message: "LeadRank cannot reach its database right now. Please try again in a moment." };
    throw error;
  }
}

export type PasswordState = { ok?: boolean; tokensRevoked?: number; fieldErrors?: { current?: string; password?: string } };

/** Changes the signed-in user's password (current one required); their other sessions end. */
export async function changeOwnPassword(_previous: PasswordState, form: FormData): Promise<PasswordState> {
  const principal = await requirePrincipal("leads:read");
  try {
    const { tokensRevoked } = await changePassword(principal, form.get("current"), form.get("password"), { revokeTokens: form.get("revokeTokens") === "on" });
    return { ok: true, tokensRevoked };
  } catch (error) {
    if (error instanceof AppError) return { fieldErrors: error.code === "wrong_password" ? { current: error.message } : { password: error.message } };
    throw error;
  }
}
