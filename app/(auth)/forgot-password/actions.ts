"use server";

import { headers } from "next/headers";
import { clientIp } from "@/lib/auth/client-ip";
import { requestPasswordReset, resetPassword } from "@/lib/auth/passwords";
import { AppError } from "@/lib/errors";

export type ResetState = { sent?: boolean; done?: boolean; message?: string };

/** "Forgot password": the same answer whether or not the email has an account. */
export async function forgotPassword(_previous: ResetState, form: FormData): Promise<ResetState> {
  try {
    await requestPasswordReset(form.get("email"), clientIp(await headers()));
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  return { sent: true };
}

/** Sets a new password with a reset link's secret. */
export async function chooseNewPassword(_previous: ResetState, form: FormData): Promise<ResetState> {
  try {
    await resetPassword(String(form.get("secret") ?? ""), form.get("password"), clientIp(await headers()));
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  return { done: true };
}
