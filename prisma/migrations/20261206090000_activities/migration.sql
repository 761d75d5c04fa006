-- Activities: what leads do (an e-mail click, a page view, a form fill, a meeting), dated, per
-- company, keyed by the lead's email so that they may arrive before the lead does. Why these
-- tables and indexes: docs/activities.md#storage.

-- The company's activity types, each once however it is written ("Demo requested" and
-- "demo requested" are one type, shown as first written). Activities name their type by
-- number: a rule matches the few types once, not the text of millions of activities.
CREATE TABLE "ActivityType" (
    "id" SERIAL NOT NULL,
    "companyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActivityType_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ActivityType_companyId_key_key" ON "ActivityType" ("companyId", "key");
ALTER TABLE "ActivityType" ADD CONSTRAINT "ActivityType_companyId_fkey"
  FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One activity. "dedupe" identifies it (the source's event id, else its email, type, moment
-- and detail: lib/activities/activities.ts) and is half of the primary key, so that sending or
-- importing it again adds nothing (INSERT … ON CONFLICT DO NOTHING) without another index.
-- No foreign keys, as for leads: each would be checked for every row written; the company's
-- deletion deletes its activities (trigger below), types are never deleted on their own, and an
-- import's undo deletes the activities it added.
CREATE TABLE "Activity" (
    "companyId" UUID NOT NULL,
    "dedupe" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "typeId" INTEGER NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "detail" TEXT,
    "source" TEXT,
    "eventId" TEXT,
    "importId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("companyId", "dedupe")
);
-- Every activity of a lead, newest first (the timeline, a lead's engagement); read in email
-- order, every activity of the company grouped by lead (a re-score of engagement).
CREATE INDEX "Activity_companyId_email_occurredAt_idx" ON "Activity" ("companyId", "email", "occurredAt" DESC);
-- The company's activities since a date (the daily re-computation, GET /api/activities?since=).
CREATE INDEX "Activity_companyId_occurredAt_idx" ON "Activity" ("companyId", "occurredAt");
-- What an import added (its undo).
CREATE INDEX "Activity_importId_idx" ON "Activity" ("importId") WHERE "importId" IS NOT NULL;

-- Activities per company, day (UTC) and type, kept up to date by the database as "LeadStats"
-- is: the dashboard's activities per day and the counts per type read these few rows.
CREATE TABLE "ActivityStats" (
    "companyId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "typeId" INTEGER NOT NULL,
    "activities" INTEGER NOT NULL,

    CONSTRAINT "ActivityStats_pkey" PRIMARY KEY ("companyId", "day", "typeId")
);
ALTER TABLE "ActivityStats" ADD CONSTRAINT "ActivityStats_companyId_fkey"
  FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "activity_stats_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "ActivityStats" s SET "activities" = s."activities" - o."activities"
    FROM (SELECT "companyId", ("occurredAt" AT TIME ZONE 'UTC')::date AS "day", "typeId", count(*) AS "activities"
          FROM old_activities GROUP BY 1, 2, 3) o
    WHERE s."companyId" = o."companyId" AND s."day" = o."day" AND s."typeId" = o."typeId";
  ELSE
    INSERT INTO "ActivityStats" AS s ("companyId", "day", "typeId", "activities")
    SELECT "companyId", ("occurredAt" AT TIME ZONE 'UTC')::date, "typeId", count(*)
    FROM new_activities GROUP BY 1, 2, 3
    ON CONFLICT ("companyId", "day", "typeId") DO UPDATE SET "activities" = s."activities" + EXCLUDED."activities";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Activity_stats_insert" AFTER INSERT ON "Activity"
  REFERENCING NEW TABLE AS new_activities FOR EACH STATEMENT EXECUTE FUNCTION "activity_stats_apply"();
CREATE TRIGGER "Activity_stats_delete" AFTER DELETE ON "Activity"
  REFERENCING OLD TABLE AS old_activities FOR EACH STATEMENT EXECUTE FUNCTION "activity_stats_apply"();

-- An activity never changes once stored (a correction is a new activity): the statistics need
-- no update trigger, and none is allowed.
CREATE FUNCTION "activity_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'An activity is never changed once stored.';
END
$$;
CREATE TRIGGER "Activity_immutable" BEFORE UPDATE ON "Activity"
  FOR EACH ROW EXECUTE FUNCTION "activity_immutable"();

-- Deleting a company deletes its activities, as it deletes its leads.
CREATE OR REPLACE FUNCTION "company_delete_leads"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Lead" WHERE "companyId" = OLD."id";
  DELETE FROM "Activity" WHERE "companyId" = OLD."id";
  RETURN OLD;
END
$$;

-- What an import brings in: leads (as every import before) or activities.
ALTER TABLE "Import" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'leads';
ALTER TABLE "Import" ADD CONSTRAINT "Import_kind_check" CHECK ("kind" IN ('leads', 'activities'));
