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
  /** 1, or for the n-th activity of a count in a file with one column per type ("Opens: 3"), n: it tells them apart (lib/activities/write-activities.ts: dedupeKey). */
  nth: number;
};

/** The most each text of an activity keeps: longer ones are cut (and counted), never refused. */
export const ACTIVITY_LIMITS = { type: 200, detail: 2000, source: 200, eventId: 200 } as const;

export type ActivityInput = { email?: unknown; type?: unknown; occurredAt?: unknown; detail?: unknown; source?: unknown; eventId?: unknown };
export type ReadActivity = { ok: true; activity: Activity; cut: boolean } | { ok: false; message: string };

/** The key of an activity type: what matching compares. */
export const typeKeyOf = (type: string) => type.normalize("NFC").toLowerCase();

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
  return { ok: true, activity: { ...activity, nth: 1 }, cut: type.cut || detail.cut || source.cut || eventId.cut };
}
