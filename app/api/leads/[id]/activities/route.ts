import { NextResponse } from "next/server";
import { leadActivities } from "@/lib/activities/activities";
import { leadActivitiesQuery } from "@/lib/activities/schemas";
import { idParam, withTenant } from "@/lib/http";

/** The lead's activities (those of its email), newest first, 50 a page, optionally of one `type`; and its counts per type. */
export const GET = withTenant(async ({ principal: { companyId }, params: { id }, query }) => NextResponse.json(await leadActivities(companyId, id, query)), {
  permission: "leads:read",
  params: idParam("This lead"),
  query: leadActivitiesQuery,
});
