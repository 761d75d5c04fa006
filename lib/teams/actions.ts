"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction, tenantAction, tenantFormAction } from "@/lib/actions";
import { clientIp } from "@/lib/auth/client-ip";
import { getPrincipal } from "@/lib/auth/session";
import { switchCompany } from "@/lib/auth/sessions";
import { acceptInvitation, newMemberSchema } from "./invitations";
import { createCompanyFor, deleteCompany, newCompanySchema } from "./companies";
import { leaveCompany } from "./members";

/** After a change of the session's company (switched, left, deleted, created): the dashboard of the company the session is in now, header included. */
function toDashboard(): never {
  revalidatePath("/", "layout");
  redirect("/dashboard");
}

/** The header's company switcher: the session works in another company of the user's (membership checked). */
export const switchActiveCompany = tenantFormAction("leads:read", z.object({ companyId: z.string() }), async ({ sessionId, userId }, { companyId }) => {
  await switchCompany(sessionId, userId, companyId);
  toDashboard();
});

/** Leaves the active company; the session moves to another company of the user's, or ends with the account. */
export const leaveTeam = tenantAction("leads:read", z.object({}), async (principal) => {
  await leaveCompany(principal);
  toDashboard();
});

/** Deletes the active company after its name was typed (owners). */
export const deleteTeam = tenantAction("company:delete", z.object({ confirmName: z.string().max(200) }), async (principal, { confirmName }) => {
  await deleteCompany(principal, confirmName);
  toDashboard();
});

/** Creates another company owned by the signed-in person and switches to it. */
export const createAnotherCompany = tenantAction("leads:read", newCompanySchema, async ({ sessionId, userId }, input) => {
  await switchCompany(sessionId, userId, await createCompanyFor(userId, input));
  toDashboard();
});

const acceptSchema = z.object({ secret: z.string().max(200), name: z.string().optional(), password: z.string().optional() });

/**
 * Accepts an invitation from its page: signed in (with the invited email), the person joins and
 * the session switches to the company; without an account, one is made with the name and
 * password given (the page then signs in). The link itself is the proof: no session needed.
 */
export const acceptInvite = publicAction(acceptSchema, async ({ secret, name, password }) => {
  const ip = clientIp(await headers());
  const principal = await getPrincipal();
  if (!principal) {
    await acceptInvitation(secret, newMemberSchema.parse({ name, password }), ip);
    return { ok: true as const };
  }
  const { companyId } = await acceptInvitation(secret, { userId: principal.userId }, ip);
  await switchCompany(principal.sessionId, principal.userId, companyId);
  toDashboard();
});
