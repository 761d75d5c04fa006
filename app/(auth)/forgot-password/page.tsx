import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/password-reset-forms";

export const metadata: Metadata = { title: "Forgot password · LeadRank" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-xl font-bold text-slate-900">Forgot your password?</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">Enter your email and we send you a link to choose a new one.</p>
      <ForgotPasswordForm />
    </>
  );
}
