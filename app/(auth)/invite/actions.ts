"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/auth/client-ip";
import { getPrincipal } from "@/lib/auth/session";
import { switchCompany } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/teams/invitations";

export type InviteState = { ok?: boolean; email?: string; message?: string };

/**
 * Accepts an invitation from its page: signed in (with the invited email), the person joins and
 * the session switches to the company; without an account, one is made with the name and
 * password given (the page then signs in). The link itself is the proof: no session needed.
 */
export async function acceptInvite(_previous: InviteState, form: FormData): Promise<InviteState> {
  const secret = String(form.get("secret") ?? "");
  const ip = clientIp(await headers());
  const principal = await getPrincipal();
  try {
    if (principal) {
      const { companyId } = await acceptInvitation(secret, { userId: principal.userId }, ip);
      await switchCompany(principal.sessionId, principal.userId, companyId);
    } else {
      await acceptInvitation(secret, { name: form.get("name"), password: form.get("password") }, ip);
      return { ok: true, email: String(form.get("email") ?? "") };
    }
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  redirect("/dashboard");
}
