import { createHash } from "node:crypto";
import { readEmail, readPastDate } from "@/lib/csv/validate";
import { withoutControlCharacters } from "@/lib/text";

/**
 * One activity of a lead, as LeadRank stores it: what the lead did (`type`, as the source names
 * it), when, and optionally a detail (a URL, a campaign, a subject), a source and the source's
 * own event id. Read the same way from the API and from files.
 */
export type Activity = {
  email: string;
  type: string;
  /** The type as matched: trimmed, NFC, lower-cased ("Demo requested" = "demo requested"). */
  typeKey: string;
  occurredAt: Date;
  detail: string | null;
  source: string | null;
  eventId: string | null;
  /** Identifies the activity: the same one sent twice is stored once (see dedupeKey). */
  dedupe: string;
};

/** The most each text of an activity keeps: longer ones are cut (and counted), never refused. */
export const ACTIVITY_LIMITS = { type: 200, detail: 2000, source: 200, eventId: 200 } as const;

export type ActivityInput = { email?: unknown; type?: unknown; occurredAt?: unknown; detail?: unknown; source?: unknown; eventId?: unknown };
export type ReadActivity = { ok: true; activity: Activity; cut: boolean } | { ok: false; message: string };

/** The key of an activity type: what matching compares. */
export const typeKeyOf = (type: string) => type.normalize("NFC").toLowerCase();

/**
 * What identifies an activity (122 bits of a SHA-256, written as a uuid): its event id when the
 * source gave one, else its email, type (without case), moment and detail; `nth` (from 2) tells
 * apart the activities of a count in a file with one column per type ("Opens: 3").
 */
export function dedupeKey({ email, typeKey, occurredAt, detail, eventId, nth = 1 }: Pick<Activity, "email" | "typeKey" | "occurredAt" | "detail" | "eventId"> & { nth?: number }): string {
  const identity =
    eventId !== null
      ? `event\u001f${eventId}`
      : `activity\u001f${email}\u001f${typeKey}\u001f${occurredAt.toISOString()}\u001f${detail ?? ""}${nth > 1 ? `\u001f${nth}` : ""}`;
  const hex = createHash("sha256").update(identity).digest("hex");
  // A version-8 uuid (RFC 9562: bits of the application's own), so that it reads as any other id.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A text field: control characters dropped, trimmed, NFC, cut at `max` (says whether it was); null when empty. */
function text(value: unknown, max: number): { value: string | null; cut: boolean } | undefined {
  if (value === undefined || value === null) return { value: null, cut: false };
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const clean = withoutControlCharacters(String(value)).trim().normalize("NFC");
  if (clean === "") return { value: null, cut: false };
  // Cut by code point, never in the middle of one.
  const points = Array.from(clean);
  return points.length > max ? { value: points.slice(0, max).join(""), cut: true } : { value: clean, cut: false };
}

/**
 * Reads one activity, or says in words what is wrong with it: no valid email, no type, no valid
 * date (at most a day ahead of now). A type, detail, source or event id that is too long is cut.
 */
export function readActivity(input: ActivityInput): ReadActivity {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { ok: false, message: "An activity is an object with email, type and occurredAt." };
  const email = readEmail(typeof input.email === "string" ? withoutControlCharacters(input.email).trim() : "");
  if (!email.ok) return email;
  const type = text(input.type, ACTIVITY_LIMITS.type);
  if (!type?.value) return { ok: false, message: "No activity type (say what the lead did: \"Email clicked\", \"Demo requested\")." };
  const when = input.occurredAt instanceof Date ? input.occurredAt.toISOString() : typeof input.occurredAt === "string" ? input.occurredAt : "";
  const occurredAt = readPastDate(withoutControlCharacters(when), "The date");
  if (!occurredAt.ok) return occurredAt;
  if (occurredAt.value === null) return { ok: false, message: "No date: say when the lead did it (occurredAt)." };
  const detail = text(input.detail, ACTIVITY_LIMITS.detail);
  const source = text(input.source, ACTIVITY_LIMITS.source);
  const eventId = text(input.eventId, ACTIVITY_LIMITS.eventId);
  if (!detail || !source || !eventId) return { ok: false, message: "detail, source and eventId are texts." };
  const activity = {
    email: email.value,
    type: type.value,
    typeKey: typeKeyOf(type.value),
    occurredAt: occurredAt.value,
    detail: detail.value,
    source: source.value,
    eventId: eventId.value,
  };
  return { ok: true, activity: { ...activity, dedupe: dedupeKey(activity) }, cut: type.cut || detail.cut || source.cut || eventId.cut };
}
