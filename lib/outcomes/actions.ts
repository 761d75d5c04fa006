"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tenantFormAction } from "@/lib/actions";
import { outcomeSchema, setOutcome } from "./set-outcome";

/** One ticked box is one id, several a list. */
const ids = z.union([z.string().transform((id) => [id]), z.array(z.string()).max(200)]);

/** Sets the outcome of the leads ticked in the leads table (form fields `ids` and `outcome`). */
export const markOutcome = tenantFormAction("outcomes:write", z.object({ outcome: outcomeSchema, ids: ids.default([]) }), async (principal, input) => {
  await setOutcome(principal.companyId, input.ids, input.outcome, principal);
  revalidatePath("/leads");
});
