-- What an activity import found beyond its counts (lib/imports/activity-import.ts): activities
-- read from the file, rows with a text cut to its limit, rows of the wide shape with no
-- activity, and the activities it added for emails that are (not yet) among the leads.
ALTER TABLE "Import" ADD COLUMN "activitySummary" JSONB;
