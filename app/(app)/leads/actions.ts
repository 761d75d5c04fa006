"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePrincipal } from "@/lib/auth/session";
import { outcomeSchema, setOutcome } from "@/lib/outcomes/set-outcome";

/** Sets the outcome of the leads ticked in the leads table (form fields `ids` and `outcome`). */
export async function markOutcome(form: FormData): Promise<void> {
  const principal = await requirePrincipal("outcomes:write");
  const outcome = outcomeSchema.safeParse(form.get("outcome"));
  const ids = z.array(z.string()).max(200).safeParse(form.getAll("ids"));
  if (!outcome.success || !ids.success) return;
  await setOutcome(principal.companyId, ids.data, outcome.data, principal);
  revalidatePath("/leads");
}
