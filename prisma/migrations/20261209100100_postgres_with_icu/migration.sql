-- Workspace retention matches a person's identifiers in SQL as the JavaScript that redacts their copies does, with
-- Unicode's default case mapping: lower() under ICU's root collation. A server built without ICU lacks it; say so
-- here, at the first migration, rather than in every hourly run of retention.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
    RAISE EXCEPTION 'Cairn needs a PostgreSQL server built with ICU (the collation "und-x-icu" is missing)';
  END IF;
END
$$;
