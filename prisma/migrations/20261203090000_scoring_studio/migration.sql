-- Scoring studio: each company's own models, their numbered versions and the background jobs
-- that re-score a company's leads when a version is published.

CREATE TABLE "ScoringModel" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "draft" JSONB,
    "draftUpdatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScoringModel_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ScoringModel_companyId_idx" ON "ScoringModel"("companyId");
ALTER TABLE "ScoringModel" ADD CONSTRAINT "ScoringModel_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ModelVersion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "modelId" UUID NOT NULL,
    "companyId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "note" TEXT,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" UUID,
    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ModelVersion_modelId_version_key" ON "ModelVersion"("modelId", "version");
CREATE INDEX "ModelVersion_companyId_idx" ON "ModelVersion"("companyId");
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "ScoringModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A published version is immutable: the stored scores of every lead are what it gives.
-- (Deleting the company deletes its versions; only the publisher's account may be unset.)
CREATE FUNCTION "ModelVersion_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."definition" IS DISTINCT FROM OLD."definition" OR NEW."version" IS DISTINCT FROM OLD."version"
     OR NEW."modelId" IS DISTINCT FROM OLD."modelId" OR NEW."companyId" IS DISTINCT FROM OLD."companyId"
     OR NEW."note" IS DISTINCT FROM OLD."note" OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt" THEN
    RAISE EXCEPTION 'a published model version cannot be changed' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "ModelVersion_immutable" BEFORE UPDATE ON "ModelVersion" FOR EACH ROW EXECUTE FUNCTION "ModelVersion_immutable"();

CREATE TABLE "ScoringJob" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "companyId" UUID NOT NULL,
    "versionId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    CONSTRAINT "ScoringJob_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ScoringJob_companyId_createdAt_idx" ON "ScoringJob"("companyId", "createdAt" DESC);
CREATE INDEX "ScoringJob_status_idx" ON "ScoringJob"("status");
ALTER TABLE "ScoringJob" ADD CONSTRAINT "ScoringJob_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ScoringJob" ADD CONSTRAINT "ScoringJob_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ModelVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Company" ADD COLUMN "activeVersionId" UUID;
ALTER TABLE "Company" ADD CONSTRAINT "Company_activeVersionId_fkey" FOREIGN KEY ("activeVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Each company's preset becomes its model's version 1, with the preset's rules exactly (as
-- lib/scoring/presets.ts had them), so every stored score, grade and breakdown stays true.
CREATE TEMPORARY TABLE "preset" ("id" TEXT PRIMARY KEY, "definition" JSONB NOT NULL) ON COMMIT DROP;
INSERT INTO "preset" VALUES
  ('b2b-saas', $json${"name":"B2B SaaS","description":"For software and tech sales: rewards large companies, decision-makers, tech industries and major tech hubs. 20 points make a score of 100.","pointsFor100":20,"grades":{"A":80,"B":60,"C":40},"criteria":[{"id":"companySize","label":"Company size","tiers":[{"when":[{"kind":"range","field":"companySize","min":10000}],"points":10},{"when":[{"kind":"range","field":"companySize","min":5000,"max":9999}],"points":5},{"when":[{"kind":"range","field":"companySize","min":2000,"max":4999}],"points":4},{"when":[{"kind":"range","field":"companySize","min":1000,"max":1999}],"points":3},{"when":[{"kind":"range","field":"companySize","min":500,"max":999}],"points":2},{"when":[{"kind":"range","field":"companySize","min":100,"max":499}],"points":1}],"otherwise":0,"mode":"first"},{"id":"jobTitle","label":"Job title","tiers":[{"when":[{"kind":"keywords","field":"jobTitle","keywords":["CTO","CEO","Founder","Co-founder","Chief * Officer"]}],"points":6},{"when":[{"kind":"keywords","field":"jobTitle","keywords":["VP","Vice President","Director","Head"]}],"points":4},{"when":[{"kind":"keywords","field":"jobTitle","keywords":["Engineer","Developer","Scientist","Architect","Manager","Owner","Scrum Master"]}],"points":1}],"otherwise":0,"mode":"first"},{"id":"industry","label":"Industry","tiers":[{"when":[{"kind":"values","field":"industry","values":["SaaS","Fintech","Healthtech","AI","Cybersecurity","Cloud Services","EdTech","Blockchain","DevTools","E-commerce Tech","IoT Solutions","Analytics Platform"]}],"points":2},{"when":[{"kind":"present","field":"industry"}],"points":1}],"otherwise":0,"mode":"first"},{"id":"location","label":"Location","tiers":[{"when":[{"kind":"keywords","field":"location","keywords":["San Francisco","New York","Seattle","Austin","Boston","Berlin","London","Toronto","Amsterdam","Tel Aviv","Lisbon","Chicago","Paris","Los Angeles"]}],"points":2},{"when":[{"kind":"keywords","field":"location","keywords":["Miami","Dallas","Vancouver","Madrid","Munich"]}],"points":1}],"otherwise":0,"mode":"first"}]}$json$),
  ('lifescience-3d-invitro', $json${"name":"Life-science 3D in-vitro","description":"For vendors of 3D in-vitro and liver-toxicity models: rewards toxicology and safety roles, seniority, funded companies, in-vitro users, biotech hubs and recent DILI publications. Capped at 100.","pointsFor100":100,"grades":{"A":80,"B":60,"C":40},"criteria":[{"id":"roleRelevance","label":"Role relevance","tiers":[{"when":[{"kind":"keywords","field":"jobTitle","keywords":["toxicology","toxicologist","safety","hepatic","hepatology","liver","DILI","3D","in vitro","organoid","organoids"]}],"points":20}],"otherwise":0,"mode":"first"},{"id":"seniority","label":"Seniority","tiers":[{"when":[{"kind":"keywords","field":"jobTitle","keywords":["Director","Head","VP","Vice President","Chief","Principal","Senior","Lead"]}],"points":10}],"otherwise":0,"mode":"first"},{"id":"companyIntent","label":"Company intent (funding)","tiers":[{"when":[{"kind":"values","field":"fundingStage","values":["Series A","Series B","Series C"]}],"points":20}],"otherwise":0,"mode":"first"},{"id":"technographic","label":"Uses in-vitro models","tiers":[{"when":[{"kind":"yes","field":"usesInVitroModels"}],"points":15}],"otherwise":0,"mode":"first"},{"id":"openness","label":"Open to NAMs","tiers":[{"when":[{"kind":"yes","field":"openToNams"}],"points":10}],"otherwise":0,"mode":"first"},{"id":"biotechHub","label":"Biotech hub","tiers":[{"when":[{"kind":"yes","field":"inBiotechHub"},{"kind":"keywords","field":"location","keywords":["Boston","Cambridge","South San Francisco","San Francisco","Bay Area","San Diego","Basel","Oxford","London","Golden Triangle"]},{"kind":"keywords","field":"companyLocation","keywords":["Boston","Cambridge","South San Francisco","San Francisco","Bay Area","San Diego","Basel","Oxford","London","Golden Triangle"]}],"points":10}],"otherwise":0,"mode":"first"},{"id":"scientificIntent","label":"Published on DILI (last 2 years)","tiers":[{"when":[{"kind":"yes","field":"publishedDiliPaper"}],"points":40}],"otherwise":0,"mode":"first"}]}$json$);

WITH models AS (
  INSERT INTO "ScoringModel" ("companyId", "name")
  SELECT c."id", p."definition"->>'name'
  FROM "Company" c JOIN "preset" p ON p."id" = CASE WHEN c."scoringModelId" = 'lifescience-3d-invitro' THEN 'lifescience-3d-invitro' ELSE 'b2b-saas' END
  RETURNING "id", "companyId", "name"
)
INSERT INTO "ModelVersion" ("modelId", "companyId", "version", "definition", "note")
SELECT m."id", m."companyId", 1, p."definition", 'Started from the ' || m."name" || ' preset.'
FROM models m JOIN "preset" p ON p."definition"->>'name' = m."name";

UPDATE "Company" c SET "activeVersionId" = v."id" FROM "ModelVersion" v WHERE v."companyId" = c."id";

-- A lead keeps its breakdown as the points of each rule that gave any, by the rule's id
-- ({"companySize": 5, "jobTitle": 10}) instead of a list in the model's order: a new version
-- that adds a rule, or changes a few leads, then changes only those leads' rows. The points are
-- the same, so the dashboard's counts are left alone while the rows are rewritten.
ALTER TABLE "Lead" DISABLE TRIGGER "Lead_stats_update";
UPDATE "Lead" l SET "breakdown" = (
  SELECT coalesce(jsonb_object_agg(c."value"->>'id', e."value") FILTER (WHERE (e."value")::numeric <> 0), '{}'::jsonb)
  FROM jsonb_array_elements(l."breakdown") WITH ORDINALITY AS e("value", "n")
  JOIN jsonb_array_elements(v."definition"->'criteria') WITH ORDINALITY AS c("value", "n") ON c."n" = e."n"
)
FROM "Company" co JOIN "ModelVersion" v ON v."id" = co."activeVersionId"
WHERE co."id" = l."companyId" AND jsonb_typeof(l."breakdown") = 'array';
ALTER TABLE "Lead" ENABLE TRIGGER "Lead_stats_update";

-- The company's active version scored every lead: kept once, on the company.
ALTER TABLE "Company" DROP COLUMN "scoringModelId";
ALTER TABLE "Lead" DROP COLUMN "scoringModelId";
