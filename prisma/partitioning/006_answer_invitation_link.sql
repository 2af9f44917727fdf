-- On partitioned history, an answer's link to its invitation (responses.invitation_id) is no longer a foreign key,
-- and dropping a month no longer rewrites the answers to its invitations.
--
-- Why: the key made drop_month unlink them first, an UPDATE of every answer to the month's invitations. invitation_id
-- is indexed, so no such update is HOT: each writes a new version of the answer and an entry in each of the table's
-- 11 indexes (14 WAL records an answer). On the at-size bench's database (10 M answers) a month as a service writes
-- it has 283 k answers to its invitations: 13-17 s of the drop's 18-23 s. Answers are kept for years after their
-- invitations are dropped, so every month's drop paid it.
--
-- What keeps the link right without it: an answer keeps the id of its invitation, and every reader that shows the
-- link resolves it through the invitation (response listings and their CSV, GET /responses/:id, webhook payloads,
-- a case's history of its invitation): an id whose invitation is gone reads as none, as the unlink showed it before.
-- Workspace retention still clears the id when it anonymises the answer. Nothing follows
-- the link from an answer to write: the answering paths go from a token to its invitation to its answer, and a
-- dropped month's tokens go with it. The answer's claim of its invitation (one answer per invitation, in
-- unique_keys) stays with it: no invitation can take that id again. Plain tables keep the foreign key.

ALTER TABLE public.responses DROP CONSTRAINT responses_invitation_id_fkey;

CREATE OR REPLACE FUNCTION cairn_history.drop_month(m TIMESTAMPTZ) RETURNS SETOF TEXT LANGUAGE plpgsql AS $$
DECLARE
  lo TEXT := cairn_history.month_id(m);
  hi TEXT := cairn_history.month_id(m + INTERVAL '1 month');
  -- Children before parents, so each detach finds nothing pointing into its partition.
  tables TEXT[];
  t TEXT;
  name TEXT;
  busy BOOLEAN;
  q RECORD;
  saved_hashjoin TEXT := current_setting('enable_hashjoin');
  saved_mergejoin TEXT := current_setting('enable_mergejoin');
  saved_work_mem TEXT := current_setting('work_mem');
BEGIN
  PERFORM set_config('lock_timeout', '5s', TRUE);
  IF to_regclass('cairn_history.' || quote_ident(cairn_history.partition_name('outbox_events', m))) IS NOT NULL THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM cairn_history.%I WHERE processed_at IS NULL)', cairn_history.partition_name('outbox_events', m)) INTO busy;
    IF busy THEN RETURN; END IF;
  END IF;
  IF to_regclass('cairn_history.' || quote_ident(cairn_history.partition_name('webhook_deliveries', m))) IS NOT NULL THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM cairn_history.%I WHERE status = ''pending'')', cairn_history.partition_name('webhook_deliveries', m)) INTO busy;
    IF busy THEN RETURN; END IF;
  END IF;
  tables := ARRAY(
    SELECT u.t FROM unnest(ARRAY['webhook_attempts', 'webhook_deliveries', 'invitations', 'events', 'outbox_events']) WITH ORDINALITY AS u(t, n)
    WHERE EXISTS (SELECT 1 FROM cairn_history.partitioned_tables p WHERE p.table_name = u.t AND p.droppable)
      AND to_regclass('cairn_history.' || quote_ident(cairn_history.partition_name(u.t, m))) IS NOT NULL
    ORDER BY u.n);

  -- Row by row, under row locks only: writers of other rows go on.
  DELETE FROM public.webhook_attempts WHERE delivery_id >= lo AND delivery_id < hi AND id >= hi;
  DELETE FROM public.invitation_tokens WHERE invitation_id >= lo AND invitation_id < hi;
  UPDATE public.invitations SET event_id = NULL WHERE event_id >= lo AND event_id < hi AND id >= hi;
  -- Each key by one probe of unique_keys' index, in the index's order: a hash join read all of its rows instead
  -- (20 M at full size, 6.5 s for a month's 283 k idempotency keys; 1.6 s so). Rows whose key has a NULL claimed none.
  PERFORM set_config('enable_hashjoin', 'off', TRUE), set_config('enable_mergejoin', 'off', TRUE), set_config('work_mem', '64MB', TRUE);
  FOREACH t IN ARRAY tables LOOP
    name := cairn_history.partition_name(t, m);
    FOR q IN SELECT * FROM cairn_history.keyed_uniques WHERE table_name = t LOOP
      EXECUTE format('DELETE FROM cairn_history.unique_keys k
        USING (SELECT ARRAY[%s]::TEXT AS key, p.id FROM cairn_history.%I p WHERE %s ORDER BY 1) p
        WHERE k.constraint_name = %L AND k.key = p.key AND k.row_id = p.id',
        (SELECT string_agg(format('p.%I::TEXT', c), ', ') FROM unnest(q.columns) c), name,
        (SELECT string_agg(format('p.%I IS NOT NULL', c), ' AND ') FROM unnest(q.columns) c), q.constraint_name);
    END LOOP;
  END LOOP;
  PERFORM set_config('enable_hashjoin', saved_hashjoin, TRUE), set_config('enable_mergejoin', saved_mergejoin, TRUE),
    set_config('work_mem', saved_work_mem, TRUE);

  -- Then the detaches: from the first, that table's writers wait for this transaction's end.
  FOREACH t IN ARRAY tables LOOP
    name := cairn_history.partition_name(t, m);
    EXECUTE format('ALTER TABLE public.%I DETACH PARTITION cairn_history.%I', t, name);
    EXECUTE format('DROP TABLE cairn_history.%I', name);
    RETURN NEXT name;
  END LOOP;
END
$$;
