-- An import that overwrites a lead keeps the lead's previous version, so the import can be
-- undone. A trigger, rather than a lookup in the import's statement, so that an import of
-- new leads never searches for previous versions (the planner cannot know how many leads an
-- import has written so far in its own transaction, and a wrong guess scanned them all).
-- Only imports change "importId": undo deletes and re-inserts instead.
CREATE FUNCTION "lead_remember_previous"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ImportChange" ("importId", "leadId", "previousImportId", "previous")
  VALUES (NEW."importId", OLD."id", OLD."importId", to_jsonb(OLD));
  RETURN NEW;
END
$$;

CREATE TRIGGER "Lead_remember_previous"
  BEFORE UPDATE OF "importId" ON "Lead"
  FOR EACH ROW
  WHEN (NEW."importId" IS NOT NULL AND OLD."importId" IS DISTINCT FROM NEW."importId")
  EXECUTE FUNCTION "lead_remember_previous"();

-- Uploaded CSV pieces are stored as they are: compressing them cost more time than it saved.
ALTER TABLE "ImportFile" ALTER COLUMN "data" SET STORAGE EXTERNAL;
