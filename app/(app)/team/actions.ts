"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePrincipal } from "@/lib/auth/session";
import { switchCompany } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { createCompanyFor, deleteCompany, leaveCompany } from "@/lib/teams/members";

export type TeamActionState = { message?: string };

/**
 * Runs a change of the session's company (switched, left, deleted, created), then shows the
 * dashboard of the company the session is in now, header included; a refusal comes back as
 * the form's message.
 */
async function thenDashboard(change: () => Promise<unknown>): Promise<TeamActionState> {
  try {
    await change();
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  revalidatePath("/", "layout");
  redirect("/dashboard");
}

/** The header's company switcher: the session works in another company of the user's (membership checked). */
export async function switchActiveCompany(form: FormData): Promise<void> {
  const { sessionId, userId } = await requirePrincipal("leads:read");
  await thenDashboard(() => switchCompany(sessionId, userId, String(form.get("companyId") ?? "")));
}

/** Leaves the active company; the session moves to another company of the user's, or ends with the account. */
export async function leaveTeam(): Promise<TeamActionState> {
  const principal = await requirePrincipal("leads:read");
  return thenDashboard(() => leaveCompany(principal));
}

/** Deletes the active company after its name was typed (owners). */
export async function deleteTeam(_previous: TeamActionState, form: FormData): Promise<TeamActionState> {
  const principal = await requirePrincipal("company:delete");
  return thenDashboard(() => deleteCompany(principal, form.get("confirmName")));
}

/** Creates another company owned by the signed-in person and switches to it. */
export async function createAnotherCompany(_previous: TeamActionState, form: FormData): Promise<TeamActionState> {
  const { sessionId, userId } = await requirePrincipal("leads:read");
  return thenDashboard(async () => {
    const companyId = await createCompanyFor(userId, { companyName: String(form.get("companyName") ?? ""), scoringModelId: form.get("scoringModelId")?.toString() || undefined });
    await switchCompany(sessionId, userId, companyId);
  });
}
