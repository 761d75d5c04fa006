-- Search and sort by name ignore accents as well as case: "jose" finds "José", "muller"
-- finds "Müller", and "Émile" sorts among the e's (lib/leads/list-leads.ts).
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;

-- unaccent() is only STABLE (its dictionary could be edited); with the dictionary named, this
-- wrapper is IMMUTABLE, so statistics can be kept on expressions that use it.
CREATE FUNCTION "leadrank_fold"(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- The search statistics follow the search's expression (it must stay the same as SEARCH_TEXT, folded).
DROP STATISTICS "Lead_search_stats";
CREATE STATISTICS "Lead_search_stats" ON (
  "leadrank_fold"(
    coalesce("fullName", '') || E'\n' || coalesce("firstName", '') || E'\n' || coalesce("lastName", '') || E'\n' || "email" || E'\n' ||
    coalesce("jobTitle", '') || E'\n' || coalesce("companyName", '') || E'\n' || coalesce("location", '') || E'\n' || coalesce("industry", '')
  )
) FROM "Lead";
