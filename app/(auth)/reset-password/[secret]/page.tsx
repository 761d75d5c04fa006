import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/password-reset-forms";
import { ButtonLink } from "@/components/ui/button";
import { resetLinkValid } from "@/lib/auth/passwords";

export const metadata: Metadata = { title: "Choose a new password · LeadRank", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  if (!(await resetLinkValid(secret))) {
    return (
      <>
        <h1 className="text-xl font-bold text-slate-900">This link does not work any more</h1>
        <p className="mt-2 text-sm text-slate-600">A password link works once, within an hour. Ask for a new one.</p>
        <ButtonLink href="/forgot-password" className="mt-6">
          Send a new link
        </ButtonLink>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-bold text-slate-900">Choose a new password</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Every session of your account is signed out and every API token of yours is revoked, in every company, when you save it.</p>
      <ResetPasswordForm secret={secret} />
    </>
  );
}
