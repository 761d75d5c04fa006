import { NextResponse } from "next/server";
import { addActivities, listActivities } from "@/lib/activities/activities";
import { activitiesQuery, addActivitiesBody } from "@/lib/activities/schemas";
import { withTenant } from "@/lib/http";

/** The company's activities, newest first, filtered by `email`, `type`, `since` and `until`, 50 a page. */
export const GET = withTenant(async ({ principal: { companyId }, query }) => NextResponse.json(await listActivities(companyId, query)), {
  permission: "leads:read",
  query: activitiesQuery,
});

/**
 * Activities as they happen (a website form, a Zapier step, a script): `{ "activities": [{ "email",
 * "type", "occurredAt", "detail"?, "source"?, "eventId"? }] }`, 1 to 1,000. The valid ones are kept,
 * the others named by index; sending the same ones again adds nothing.
 */
export const POST = withTenant(async ({ principal, body }) => NextResponse.json(await addActivities(principal.companyId, principal, body.activities)), {
  permission: "activities:write",
  body: addActivitiesBody,
});
