import { z } from "zod";
import { DEFAULT_PRESET_ID, PRESETS } from "@/lib/scoring/presets";
import { withoutControlCharacters } from "@/lib/text";
import { COMMON_PASSWORDS } from "./common-passwords";

/** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
export const PASSWORD_MAX_BYTES = 72;
export const PASSWORD_MIN_LENGTH = 12;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@company.com."))
  .meta({ format: "email", maxLength: 254 });

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  // (A password too short already has its message.)
  .refine((value) => value.length < PASSWORD_MIN_LENGTH || value.trim() !== "", { message: "Use letters, digits or symbols, not only spaces." })
  .refine((value) => new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES, {
    message: `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} letters, fewer with accents or emoji).`,
  })
  .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()), {
    message: "This password is too common. Pick something less guessable, such as a few unrelated words.",
  });

export const nameSchema = z.string().transform(withoutControlCharacters).pipe(z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters."));

export const signUpSchema = z.object({
  companyName: z.string().transform(withoutControlCharacters).pipe(z.string().trim().min(1, "Enter your company's name.").max(120, "Use at most 120 characters.")),
  name: nameSchema,
  email: emailSchema,
  password: passwordSchema,
  /** The preset the company scores with; switchable later in Settings. */
  scoringModelId: z
    .string()
    .refine((id) => PRESETS.some((preset) => preset.id === id), "Choose one of the scoring models.")
    .default(DEFAULT_PRESET_ID),
});

export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(1024),
});

/** A checkbox as a form sends it: "on" when ticked, absent when not. */
const checkbox = z.preprocess((value) => value === "on" || value === true, z.boolean());

export const changePasswordSchema = z.object({
  current: z.string().min(1, "Enter your current password.").max(1024),
  password: passwordSchema,
  revokeTokens: checkbox,
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({ secret: z.string().min(1).max(200), password: passwordSchema });
