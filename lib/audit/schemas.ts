/** What the API answers about an audit event. */
import { z } from "zod";
import { id, isoDate } from "@/lib/views";

export const auditEventView = z.object({
  id: z.string(),
  action: z.string(),
  at: isoDate,
  user: z.object({ id: id.nullable(), email: z.string().nullable() }),
  token: z.object({ id, name: z.string().nullable() }).nullable(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
