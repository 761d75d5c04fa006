/** What the API answers about a token (never its secret). */
import { z } from "zod";
import { id, isoDate } from "@/lib/views";
import { ROLES } from "@/lib/auth/permissions";

export const tokenView = z.object({
  id,
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  lastUsedAt: isoDate.nullable(),
  owner: z.object({ id, name: z.string(), email: z.string() }),
});
