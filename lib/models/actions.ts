"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantAction } from "@/lib/actions";
import { AppError, invalidValue } from "@/lib/errors";
import { activateModel } from "./publish";

/** Makes the chosen model's latest version the active one; the leads are re-scored in the background. */
export const switchActiveModel = tenantAction("models:publish", z.object({ modelId: z.string() }), async (principal, { modelId }) => {
  try {
    const { version } = await activateModel(principal.companyId, modelId, principal);
    revalidatePath("/", "layout");
    return { ok: true as const, message: `Re-scoring your leads with version ${version} in the background. Every page keeps the current scores until it is done.` };
  } catch (error) {
    // Another model than the ones listed (gone since the page was drawn, or never this company's).
    if (error instanceof AppError && error.code !== "already_active") throw invalidValue("modelId", "Choose one of the models listed.");
    throw error;
  }
});
