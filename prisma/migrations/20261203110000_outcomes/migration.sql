-- A lead's outcome: open until it is won or lost (imported from a CRM's lifecycle column, or set
-- in the app). A label for measuring the score, never an input of it.
ALTER TABLE "Lead" ADD COLUMN "outcome" TEXT NOT NULL DEFAULT 'open';
ALTER TABLE "Lead" ADD COLUMN "outcomeAt" TIMESTAMPTZ(3);
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_outcome_check" CHECK ("outcome" IN ('open', 'won', 'lost'));

-- The outcome the user chose for each value of a file's outcome column, and the values no rule
-- knew (kept open), with how many rows had each.
ALTER TABLE "Import" ADD COLUMN "outcomeValues" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "Import" ADD COLUMN "unknownOutcomes" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "SavedMapping" ADD COLUMN "outcomeValues" JSONB NOT NULL DEFAULT '{}';
