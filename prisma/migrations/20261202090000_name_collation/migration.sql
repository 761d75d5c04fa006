-- Sorting leads by name follows the name the list shows, ignoring case and accents: ICU's root
-- collation puts "bob adams" among the b's and "Émile" among the e's (lib/leads/list-leads.ts).
-- A PostgreSQL server built without ICU gets byte order instead of failing.
DO $$
BEGIN
  CREATE COLLATION "leadrank_name" (provider = icu, locale = 'und');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION "leadrank_name" FROM "C";
END
$$;
