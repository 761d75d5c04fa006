/** What the activities API takes and answers (lib/activities). */
import { z } from "zod";
import { id, isoDate } from "@/lib/views";

/** At most this many activities per POST /api/activities. */
export const ACTIVITIES_PER_REQUEST = 1000;
export const ACTIVITIES_PAGE_SIZE = 50;

const activityInput = z
  .looseObject({
    email: z.string().describe("The lead's email (compared as for leads: trimmed, without case)"),
    type: z.string().describe('What the lead did, as the source names it: "Email clicked", "Demo requested" (matched without case; cut at 200 characters)'),
    occurredAt: isoDate.describe("When it happened: ISO 8601 (2026-11-23T14:05:00Z); at most a day ahead of now"),
    detail: z.string().optional().describe("A URL, a campaign, a subject line (cut at 2,000 characters)"),
    source: z.string().optional().describe('Where it came from: "Mailchimp", "website"'),
    eventId: z.string().optional().describe("The source's id of the event: an activity with the same event id is the same activity"),
  })
  .describe("One activity. Each is checked on its own: an invalid one is named in `rejected`, the others are kept.");

const batch = <T extends z.ZodType>(item: T) =>
  z.object({
    activities: z
      .array(item)
      .min(1, "Send at least one activity.")
      .max(ACTIVITIES_PER_REQUEST, `At most ${ACTIVITIES_PER_REQUEST.toLocaleString("en-US")} activities per request.`),
  });

/** The body as the route parses it: each activity is read on its own (lib/activities/activity.ts), so that one bad one does not refuse the rest. */
export const addActivitiesBody = batch(z.unknown());
/** The body as the API reference describes it. */
export const addActivitiesDocument = batch(activityInput);

export const addedActivities = z.object({
  created: z.int().describe("Activities stored now"),
  duplicates: z.int().describe("Activities already stored (or sent twice in this request): nothing added"),
  cut: z.int().describe("Activities kept with a text cut to its limit"),
  rejected: z.array(z.object({ index: z.int(), message: z.string() })).describe("The activities not kept, by their index in the request, and why"),
});

const page = z.coerce.number().int().min(1).max(10_000).default(1);
/** A date (2026-11-23: its start, UTC) or a date-time with its offset (2026-11-23T14:05:00Z). */
const moment = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Write a date (2026-11-23) or a date-time (2026-11-23T14:05:00Z)." })
  .transform((text) => new Date(text))
  .optional();

export const leadActivitiesQuery = z.object({
  page,
  type: z.string().trim().max(200).optional().describe("Only activities of this type (without case)"),
});

export const activitiesQuery = leadActivitiesQuery.extend({
  email: z.string().trim().max(254).optional().describe("Only the activities of this email"),
  since: moment.describe("Only activities at or after this moment"),
  until: moment.describe("Only activities before this moment"),
});

export const activityView = z.object({
  id,
  email: z.string(),
  type: z.string(),
  occurredAt: isoDate,
  detail: z.string().nullable(),
  source: z.string().nullable(),
  eventId: z.string().nullable(),
  importId: id.nullable(),
});

export const activitiesPage = z.object({
  activities: z.array(activityView),
  page: z.int(),
  pageSize: z.int(),
  hasMore: z.boolean().describe("Whether a next page has activities"),
});

export const leadActivitiesPage = activitiesPage.extend({
  types: z.array(z.object({ type: z.string(), activities: z.int() })).describe("The lead's activities per type, most first"),
});
