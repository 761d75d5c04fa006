import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { ButtonLink } from "@/components/ui/button";
import { getAccount } from "@/lib/auth/accounts";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { findInvitation } from "@/lib/teams/invitations";

export const metadata: Metadata = { title: "Invitation · LeadRank", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const [invitation, principal] = await Promise.all([findInvitation(secret), getPrincipal()]);
  if (!invitation || invitation.expired) {
    return (
      <>
        <h1 className="text-xl font-bold text-slate-900">{invitation ? "This invitation has expired" : "This invitation link does not work"}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {invitation
            ? `Invitations are valid for 7 days. Ask ${invitation.invitedBy ?? "an owner of the company"} to send a new one.`
            : "It was used already, revoked, or replaced by a newer invitation. Ask the company's owner for a new link."}
        </p>
        <ButtonLink href="/sign-in" variant="secondary" className="mt-6">
          Go to sign-in
        </ButtonLink>
      </>
    );
  }
  const account = principal ? await getAccount(principal) : null;
  const heading = (
    <>
      <h1 className="text-xl font-bold text-slate-900">Join {invitation.companyName} on LeadRank</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">
        {invitation.invitedBy ?? "An owner"} invited <strong>{invitation.email}</strong> as {ROLE_LABELS[invitation.role].toLowerCase()}.
      </p>
    </>
  );
  if (account && account.email !== invitation.email) {
    return (
      <>
        {heading}
        <p className="text-sm text-slate-700">
          You are signed in as {account.email}. This invitation is for {invitation.email}: sign out, then open this link again.
        </p>
        <ButtonLink href="/api/auth/signout" variant="secondary" className="mt-6">
          Sign out
        </ButtonLink>
      </>
    );
  }
  if (!account && invitation.hasAccount) {
    return (
      <>
        {heading}
        <p className="text-sm text-slate-700">You already have a LeadRank account. Sign in as {invitation.email}, and you come back here to join.</p>
        <ButtonLink href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${secret}`)}`} className="mt-6 w-full">
          Sign in to join
        </ButtonLink>
      </>
    );
  }
  return (
    <>
      {heading}
      <AcceptInviteForm secret={secret} email={invitation.email} companyName={invitation.companyName} newAccount={!account} />
      {!account ? (
        <p className="mt-4 text-center text-xs text-slate-500">
          By joining you create a LeadRank account for {invitation.email}. <Link href="/sign-in">Sign in instead</Link>
        </p>
      ) : null}
    </>
  );
}
