-- The dashboard's figures, kept up to date by the database: leads and the sum of their
-- scores per company, day submitted (UTC) and grade. A company with a million leads has a
-- few thousand of these rows, so the dashboard reads them instead of every lead.
CREATE TABLE "LeadStats" (
    "companyId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "grade" CHAR(1) NOT NULL,
    "leads" INTEGER NOT NULL,
    "scoreSum" BIGINT NOT NULL,

    CONSTRAINT "LeadStats_pkey" PRIMARY KEY ("companyId", "day", "grade")
);

ALTER TABLE "LeadStats" ADD CONSTRAINT "LeadStats_companyId_fkey"
  FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One pass per statement, not per row: an import batch of thousands of leads changes a
-- handful of these rows. Rows whose count falls to zero stay, and add nothing.
CREATE FUNCTION "lead_stats_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "LeadStats" s SET "leads" = s."leads" - o."leads", "scoreSum" = s."scoreSum" - o."scoreSum"
    FROM (SELECT "companyId", ("submittedAt" AT TIME ZONE 'UTC')::date AS "day", "grade", count(*) AS "leads", sum("score") AS "scoreSum"
          FROM old_leads GROUP BY 1, 2, 3) o
    WHERE s."companyId" = o."companyId" AND s."day" = o."day" AND s."grade" = o."grade";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "LeadStats" AS s ("companyId", "day", "grade", "leads", "scoreSum")
    SELECT "companyId", ("submittedAt" AT TIME ZONE 'UTC')::date, "grade", count(*), sum("score")
    FROM new_leads GROUP BY 1, 2, 3
    ON CONFLICT ("companyId", "day", "grade")
      DO UPDATE SET "leads" = s."leads" + EXCLUDED."leads", "scoreSum" = s."scoreSum" + EXCLUDED."scoreSum";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Lead_stats_insert" AFTER INSERT ON "Lead"
  REFERENCING NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION "lead_stats_apply"();
CREATE TRIGGER "Lead_stats_update" AFTER UPDATE ON "Lead"
  REFERENCING OLD TABLE AS old_leads NEW TABLE AS new_leads FOR EACH STATEMENT EXECUTE FUNCTION "lead_stats_apply"();
CREATE TRIGGER "Lead_stats_delete" AFTER DELETE ON "Lead"
  REFERENCING OLD TABLE AS old_leads FOR EACH STATEMENT EXECUTE FUNCTION "lead_stats_apply"();

INSERT INTO "LeadStats" ("companyId", "day", "grade", "leads", "scoreSum")
SELECT "companyId", ("submittedAt" AT TIME ZONE 'UTC')::date, "grade", count(*), sum("score")
FROM "Lead" GROUP BY 1, 2, 3;

-- The leads of one grade, best first, without reading the other grades.
CREATE INDEX "Lead_companyId_grade_score_idx" ON "Lead" ("companyId", "grade", "score" DESC);

-- Statistics on the text the leads search reads (lib/leads/list-leads.ts, SEARCH_TEXT; the
-- two must stay the same expression), so that the planner knows a common word matches many
-- leads and walks the ranking until the page is full instead of reading every lead.
CREATE STATISTICS "Lead_search_stats" ON (
  coalesce("fullName", '') || E'\n' || coalesce("firstName", '') || E'\n' || coalesce("lastName", '') || E'\n' || "email" || E'\n' ||
  coalesce("jobTitle", '') || E'\n' || coalesce("companyName", '') || E'\n' || coalesce("location", '') || E'\n' || coalesce("industry", '')
) FROM "Lead";
