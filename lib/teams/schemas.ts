/** What the API answers about members and invitations. */
import { z } from "zod";
import { id, isoDate } from "@/lib/views";
import { ROLES } from "@/lib/auth/permissions";

export const memberView = z.object({ id: id.describe("The member's user id"), email: z.string(), name: z.string(), role: z.enum(ROLES), joinedAt: isoDate });
export const invitationView = z.object({ id, email: z.string(), role: z.enum(ROLES), createdAt: isoDate, expiresAt: isoDate, invitedBy: z.string().nullable() });
