import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/paths";
import { getPrincipal } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in · LeadRank" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; ended?: string }> }) {
  const { callbackUrl, ended } = await searchParams;
  const callbackPath = safeCallbackPath(callbackUrl);
  if (await getPrincipal()) redirect(callbackPath);
  const notice = ended ? "Your session has ended (you signed out, perhaps in another tab). Sign in again to continue." : callbackUrl !== undefined ? "Please sign in to continue." : undefined;
  return (
    <>
      <h1 className="text-xl font-bold text-slate-900">Sign in to LeadRank</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Welcome back. Your ranked leads are waiting.</p>
      <SignInForm callbackPath={callbackPath} notice={notice} />
    </>
  );
}
