import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { HOME_PATH } from "@/lib/auth/paths";
import { getPrincipal } from "@/lib/auth/session";
import { DEFAULT_PRESET_ID, PRESETS } from "@/lib/scoring";
import { signUp } from "@/lib/auth/actions";

export const metadata: Metadata = { title: "Create your account · LeadRank" };

export default async function SignUpPage() {
  if (await getPrincipal()) redirect(HOME_PATH);
  return (
    <>
      <h1 className="text-xl font-bold text-slate-900">Create your LeadRank account</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Score your leads in minutes. Your data stays in your company&apos;s account.</p>
      <SignUpForm action={signUp} models={PRESETS.map(({ id, name, description }) => ({ id, name, description }))} defaultModel={DEFAULT_PRESET_ID} />
    </>
  );
}
