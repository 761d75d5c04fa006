-- The Lead → Company foreign key was checked for every row an import writes: about 15% of the
-- database's share of an import (1.72 s → 1.45 s per 100,000 rows, docs/importing.md#speed).
-- Nothing is lost without it:
--   * an import (the only writer of new leads) holds its company's row lock (FOR NO KEY
--     UPDATE, lib/db/bulk.ts) from its first row to its commit, and deleting a company waits
--     for that lock, so a lead is never written for a company that is going away;
--   * deleting a company deletes its leads through the trigger below, as the key's ON DELETE
--     CASCADE did.
ALTER TABLE "Lead" DROP CONSTRAINT "Lead_companyId_fkey";

CREATE FUNCTION "company_delete_leads"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "Lead" WHERE "companyId" = OLD."id";
  RETURN OLD;
END
$$;

CREATE TRIGGER "Company_delete_leads" BEFORE DELETE ON "Company"
  FOR EACH ROW EXECUTE FUNCTION "company_delete_leads"();
