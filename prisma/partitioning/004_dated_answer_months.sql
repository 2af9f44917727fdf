-- Each month's partition of responses holds only answers dated in that month, a day either side (a CHECK per
-- partition), so a read of answers by date can name the months it needs by id range (libs/database/answer-months.ts)
-- instead of probing every month's partition.
--
-- Why a CHECK: a partition is a range of ids, and ids are uuidv7 made at the answer's created_at by every writer
-- (the first answer, edits, imports, the Delighted writers, the demo seeder), but nothing in the database said so,
-- and rows written before those writers were made so keep their ids. A range of dates becomes a range of months of
-- ids only where every row outside the default partition is dated in its partition's month. The day either side is
-- room for a writer whose id and created_at are made a moment apart, never more than that.
--
-- The default partition has no such CHECK: it holds ids of months that have no partition (old imports, ids made by
-- hand before), whatever their dates, and a read by date reads the part of it outside its id range too.
--
-- A partition whose rows break the CHECK keeps it NOT VALID (new rows are still held to it): reads then do not
-- name months by id at all (HistoryLayout.datedAnswerMonths), as before this step.

/** The CHECK of the partition of responses for the month starting at `m` (UTC): its answers are dated in that month, a day either side. */
CREATE FUNCTION cairn_history.dated_month_check(m TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT format('CHECK (created_at >= %L::timestamp AND created_at < %L::timestamp)',
    (m - INTERVAL '1 day') AT TIME ZONE 'UTC', (m + INTERVAL '1 month' + INTERVAL '1 day') AT TIME ZONE 'UTC')
$$;

-- A month of responses is made with its CHECK: step 1's create_month makes and attaches the month, then the CHECK
-- is added to it (valid at once: nothing can be written to a partition before the transaction that made it commits).
ALTER FUNCTION cairn_history.create_month(TEXT, TIMESTAMPTZ) RENAME TO create_plain_month;

CREATE FUNCTION cairn_history.create_month(tbl TEXT, m TIMESTAMPTZ) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  name TEXT := cairn_history.partition_name(tbl, m);
  existed BOOLEAN := to_regclass('cairn_history.' || quote_ident(name)) IS NOT NULL;
BEGIN
  IF NOT cairn_history.create_plain_month(tbl, m) THEN
    RETURN FALSE;
  END IF;
  IF tbl = 'responses' AND NOT existed THEN
    EXECUTE format('ALTER TABLE cairn_history.%I ADD CONSTRAINT %I %s', name, name || '_dated', cairn_history.dated_month_check(m));
  END IF;
  RETURN TRUE;
END
$$;

-- The months made before this step: the CHECK is added, then validated where every row keeps it.
DO $$
DECLARE
  part RECORD;
BEGIN
  FOR part IN
    SELECT c.relname, to_date(right(c.relname, 7), 'YYYY_MM')::TIMESTAMP AT TIME ZONE 'UTC' AS m
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'public.responses'::regclass AND c.relname <> 'responses_default'
  LOOP
    EXECUTE format('ALTER TABLE cairn_history.%I ADD CONSTRAINT %I %s NOT VALID', part.relname, part.relname || '_dated',
      cairn_history.dated_month_check(part.m));
    BEGIN
      EXECUTE format('ALTER TABLE cairn_history.%I VALIDATE CONSTRAINT %I', part.relname, part.relname || '_dated');
    EXCEPTION WHEN check_violation THEN
      RAISE WARNING 'cairn_history.%: some answers are dated outside its month; reads of answers by date will not name months', part.relname;
    END;
  END LOOP;
END
$$;
