"use server";

import { createAccount } from "@/lib/auth/accounts";
import { signUpSchema, type SignUpInput } from "@/lib/auth/schemas";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";

export type SignUpState = {
  ok?: boolean;
  values?: Pick<SignUpInput, "companyName" | "name" | "email" | "scoringModelId">;
  fieldErrors?: Partial<Record<keyof SignUpInput, string>>;
  formError?: string;
};

export async function signUp(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const input = {
    companyName: String(form.get("companyName") ?? ""),
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
    scoringModelId: form.get("scoringModelId")?.toString() || undefined,
  };
  const values = { companyName: input.companyName, name: input.name, email: input.email, scoringModelId: input.scoringModelId };
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: SignUpState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof SignUpInput;
      fieldErrors[field] ??= issue.message;
    }
    return { values, fieldErrors };
  }
  try {
    await createAccount(parsed.data);
    return { ok: true, values: { ...values, email: parsed.data.email } };
  } catch (error) {
    if (error instanceof AppError && error.code === "email_taken") {
      return { values, fieldErrors: { email: error.message } };
    }
    if (isDatabaseUnavailable(error)) {
      return { values, formError: "LeadRank cannot reach its database right now. Please try again in a moment." };
    }
    throw error;
  }
}
