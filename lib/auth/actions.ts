"use server";

import { headers } from "next/headers";
import { publicAction, tenantAction } from "@/lib/actions";
import { createAccount } from "./accounts";
import { clientIp } from "./client-ip";
import { changePassword, requestPasswordReset, resetPassword } from "./passwords";
import { changePasswordSchema, forgotPasswordSchema, resetPasswordSchema, signUpSchema } from "./schemas";

/** Creates the account and its company; the form then signs in with the password it still holds. */
export const signUp = publicAction(signUpSchema, async (input) => {
  await createAccount(input);
  return { ok: true as const, email: input.email };
});

/** "Forgot password": the same answer whether or not the email has an account. */
export const forgotPassword = publicAction(forgotPasswordSchema, async ({ email }) => {
  await requestPasswordReset(email, clientIp(await headers()));
  return { ok: true as const, sent: true };
});

/** Sets a new password with a reset link's secret. */
export const chooseNewPassword = publicAction(resetPasswordSchema, async ({ secret, password }) => {
  await resetPassword(secret, password, clientIp(await headers()));
  return { ok: true as const, done: true };
});

/** Changes the signed-in user's password (current one required); their other sessions end, and their tokens when asked. */
export const changeOwnPassword = tenantAction("leads:read", changePasswordSchema, async (principal, input) => ({ ok: true as const, ...(await changePassword(principal, input)) }));
