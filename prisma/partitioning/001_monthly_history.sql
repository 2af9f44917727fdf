-- Physical layout, step 1: the history tables become partitioned by month (issue 18, part 4).
--
-- prisma/migrations keeps describing the logical schema (CI's drift check builds it from schema.prisma); this file
-- is applied after them by Cairn's own migrator (libs/database/layout-runner.ts) and recorded in
-- cairn_history.layout_steps. Every table keeps its name, columns, defaults, foreign keys, triggers and index names
-- in `public`; only its storage changes. Partitions live in the schema cairn_history, so `public` shows none of them.
--
-- Partition key: the id. Ids are uuidv7 (48 bits of milliseconds first), so a month is one range of ids, the
-- primary key (id) stays a primary key and every foreign key to these tables stays valid. Ids are lowercase hex in
-- fixed positions, so any deterministic collation orders them as the bytes do.
--
-- A unique index that does not contain the id cannot be unique on a partitioned table. Those guarantees move to
-- cairn_history.unique_keys: one row per key, claimed by a trigger in the same statement that writes the row (a
-- duplicate raises 23505 naming the logical index, as before). The logical index stays, non-unique, for lookups.

CREATE TABLE cairn_history.unique_keys (
  constraint_name TEXT NOT NULL,
  key             TEXT NOT NULL,
  row_id          TEXT NOT NULL,
  PRIMARY KEY (constraint_name, key)
);
-- No second index (by row_id): it would cost every insert of a history row one more btree insert. Retention
-- finds a dropped month's keys from the month's own rows instead (drop_month).

-- Which logical unique indexes unique_keys enforces (filled by convert_table, read by retention and the tests).
CREATE TABLE cairn_history.keyed_uniques (
  constraint_name TEXT PRIMARY KEY,
  table_name      TEXT NOT NULL,
  columns         TEXT[] NOT NULL
);

-- The partitioned tables, and whether retention may drop their old months (responses are history: scores and
-- rollups count them, per-workspace retention anonymises them instead).
CREATE TABLE cairn_history.partitioned_tables (
  table_name TEXT PRIMARY KEY,
  droppable  BOOLEAN NOT NULL
);

/** The smallest uuidv7 of the month starting at `m` (UTC), as text: a partition bound. */
CREATE FUNCTION cairn_history.month_id(m TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-0000-0000-000000000000'
  FROM (SELECT lpad(to_hex((extract(epoch FROM m) * 1000)::BIGINT), 12, '0') AS h) x
$$;

/** The month (UTC) a uuidv7 was made in. */
CREATE FUNCTION cairn_history.id_month(id TEXT) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', to_timestamp(('x' || substr(replace(id, '-', ''), 1, 12))::bit(48)::BIGINT / 1000.0), 'UTC')
$$;

CREATE FUNCTION cairn_history.partition_name(tbl TEXT, m TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT tbl || '_p' || to_char(m AT TIME ZONE 'UTC', 'YYYY_MM')
$$;

/**
 * Claims, moves or frees the key of one logical unique index for one row. Arguments: the index's name, then its
 * columns. A key with a NULL in it is not claimed (NULLs are distinct, as in the unique index it replaces). The
 * INSERT ... ON CONFLICT waits for a concurrent claim of the same key to commit or roll back, as a unique index does.
 * A key already claimed for this very row (a statement that claimed it first, to get ON CONFLICT DO NOTHING) passes.
 */
CREATE FUNCTION cairn_history.claim_unique() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols TEXT[] := TG_ARGV[1:TG_NARGS - 1];
  old_vals TEXT[];
  new_vals TEXT[];
  owner TEXT;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    old_vals := ARRAY(SELECT to_jsonb(OLD) ->> c FROM unnest(cols) WITH ORDINALITY AS u(c, n) ORDER BY n);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_vals := ARRAY(SELECT to_jsonb(NEW) ->> c FROM unnest(cols) WITH ORDINALITY AS u(c, n) ORDER BY n);
  END IF;
  IF TG_OP = 'UPDATE' AND old_vals IS NOT DISTINCT FROM new_vals AND OLD.id = NEW.id THEN
    RETURN NULL;
  END IF;
  IF old_vals IS NOT NULL AND array_position(old_vals, NULL) IS NULL THEN
    DELETE FROM cairn_history.unique_keys WHERE constraint_name = TG_ARGV[0] AND key = old_vals::TEXT AND row_id = OLD.id;
  END IF;
  IF new_vals IS NOT NULL AND array_position(new_vals, NULL) IS NULL THEN
    INSERT INTO cairn_history.unique_keys (constraint_name, key, row_id) VALUES (TG_ARGV[0], new_vals::TEXT, NEW.id)
    ON CONFLICT (constraint_name, key) DO NOTHING;
    IF NOT FOUND THEN
      SELECT k.row_id INTO owner FROM cairn_history.unique_keys k WHERE k.constraint_name = TG_ARGV[0] AND k.key = new_vals::TEXT;
      IF owner IS DISTINCT FROM NEW.id THEN
        RAISE EXCEPTION 'duplicate key value violates unique constraint "%"', TG_ARGV[0] USING
          ERRCODE = 'unique_violation', CONSTRAINT = TG_ARGV[0],
          DETAIL = format('Key (%s)=(%s) already exists.', array_to_string(cols, ', '), array_to_string(new_vals, ', '));
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

/** A TRUNCATE of the table frees all its keys. */
CREATE FUNCTION cairn_history.free_unique_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM cairn_history.unique_keys
  WHERE constraint_name IN (SELECT constraint_name FROM cairn_history.keyed_uniques WHERE table_name = TG_TABLE_NAME);
  RETURN NULL;
END
$$;

/**
 * outbox_events' primary key is its seq, which cannot be unique on a table partitioned by id. Every row takes its
 * seq from the sequence here, whatever the INSERT said, and no UPDATE may change it: unique by construction.
 */
CREATE FUNCTION cairn_history.seq_from_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.seq IS DISTINCT FROM OLD.seq THEN
      RAISE EXCEPTION 'outbox_events.seq cannot change' USING ERRCODE = 'unique_violation', CONSTRAINT = 'outbox_events_pkey';
    END IF;
  ELSE
    NEW.seq := nextval(TG_ARGV[0]::regclass);
  END IF;
  RETURN NEW;
END
$$;

/**
 * Creates the partition of `tbl` for the month starting at `m`, unless it exists. Returns false (and creates
 * nothing) when the default partition already holds rows of that month: attaching would fail, and moving rows
 * between partitions would fire the foreign keys' cascades. Such rows stay where they are, and so does the month.
 */
CREATE FUNCTION cairn_history.create_month(tbl TEXT, m TIMESTAMPTZ) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  name TEXT := cairn_history.partition_name(tbl, m);
  lo TEXT := cairn_history.month_id(m);
  hi TEXT := cairn_history.month_id(m + INTERVAL '1 month');
  blocked BOOLEAN;
BEGIN
  IF to_regclass('cairn_history.' || quote_ident(name)) IS NOT NULL THEN
    RETURN TRUE;
  END IF;
  IF to_regclass('cairn_history.' || quote_ident(tbl || '_default')) IS NOT NULL THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM cairn_history.%I WHERE id >= $1 AND id < $2)', tbl || '_default') INTO blocked USING lo, hi;
    IF blocked THEN
      RETURN FALSE;
    END IF;
  END IF;
  -- Made apart, then attached: ATTACH takes SHARE UPDATE EXCLUSIVE on the parent, so writers go on meanwhile
  -- (CREATE TABLE ... PARTITION OF would take ACCESS EXCLUSIVE); only the default partition is locked while checked.
  EXECUTE format('CREATE TABLE cairn_history.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING STORAGE)', name, tbl);
  EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION cairn_history.%I FOR VALUES FROM (%L) TO (%L)', tbl, name, lo, hi);
  RETURN TRUE;
END
$$;

/** The partitions of every history table from this month to `ahead` months after it; the names of those it could not make. */
CREATE FUNCTION cairn_history.ensure_partitions(ahead INT, now TIMESTAMPTZ DEFAULT now()) RETURNS SETOF TEXT LANGUAGE plpgsql AS $$
DECLARE
  t RECORD;
  m TIMESTAMPTZ;
BEGIN
  FOR t IN SELECT table_name FROM cairn_history.partitioned_tables ORDER BY table_name LOOP
    FOR i IN 0..ahead LOOP
      m := date_trunc('month', now, 'UTC') + make_interval(months => i);
      IF NOT cairn_history.create_month(t.table_name, m) THEN
        RETURN NEXT cairn_history.partition_name(t.table_name, m);
      END IF;
    END LOOP;
  END LOOP;
END
$$;

/**
 * Converts one table of the logical schema into a table partitioned by RANGE (id), keeping every row, column,
 * default, index name, constraint and trigger, and the foreign keys of other tables that point at it.
 * Rows are copied once; the keys of its non-id unique indexes are filled in bulk, then the claim triggers go on.
 */
CREATE FUNCTION cairn_history.convert_table(tbl TEXT, ahead INT, droppable BOOLEAN) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  rel REGCLASS := ('public.' || quote_ident(tbl))::REGCLASS;
  legacy TEXT := tbl || '__unpartitioned';
  r RECORD;
  incoming JSONB := '[]';
  indexes JSONB := '[]';
  own JSONB := '[]';
  triggers JSONB := '[]';
  sequences JSONB := '[]';
  first_month TIMESTAMPTZ;
  oldest TEXT;
  m TIMESTAMPTZ;
  cols TEXT[];
  item JSONB;
BEGIN
  INSERT INTO cairn_history.partitioned_tables VALUES (tbl, droppable);
  -- What to rebuild, read before anything moves. Only constraints of their own (conparentid = 0): a foreign key to a
  -- table converted before this one also has a row per referenced partition, which Postgres makes and removes itself.
  FOR r IN SELECT conrelid::REGCLASS::TEXT AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
           WHERE contype = 'f' AND confrelid = rel AND conrelid <> rel AND conparentid = 0 LOOP
    incoming := incoming || jsonb_build_object('rel', r.rel, 'name', r.conname, 'def', r.def);
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.rel, r.conname);
  END LOOP;
  FOR r IN SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, i.indisunique AS is_unique, i.indisprimary AS is_primary,
             ARRAY(SELECT a.attname::TEXT FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = rel AND a.attnum = k.attnum ORDER BY k.n) AS cols
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = rel LOOP
    indexes := indexes || jsonb_build_object('name', r.name, 'def', r.def, 'unique', r.is_unique, 'primary', r.is_primary, 'cols', to_jsonb(r.cols));
  END LOOP;
  FOR r IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = rel AND contype IN ('f', 'c') AND conparentid = 0 ORDER BY conname LOOP
    own := own || jsonb_build_object('name', r.conname, 'def', r.def);
  END LOOP;
  FOR r IN SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = rel AND NOT tgisinternal LOOP
    triggers := triggers || to_jsonb(r.def);
  END LOOP;
  FOR r IN SELECT d.objid::REGCLASS::TEXT AS seq, a.attname::TEXT AS col FROM pg_depend d
           JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
           WHERE d.refobjid = rel AND d.classid = 'pg_class'::REGCLASS AND d.deptype = 'a'
             AND (SELECT relkind FROM pg_class WHERE oid = d.objid) = 'S' LOOP
    sequences := sequences || jsonb_build_object('seq', r.seq, 'col', r.col);
  END LOOP;

  -- The old table steps aside (its index names too, which share the schema's namespace).
  EXECUTE format('ALTER TABLE public.%I RENAME TO %I', tbl, legacy);
  FOR item IN SELECT * FROM jsonb_array_elements(indexes) LOOP
    EXECUTE format('ALTER INDEX public.%I RENAME TO %I', item->>'name', left(item->>'name', 48) || '__unpartitioned');
  END LOOP;

  EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE (id)', tbl, legacy);
  EXECUTE format('CREATE TABLE cairn_history.%I PARTITION OF public.%I DEFAULT', tbl || '_default', tbl);
  -- A month for every month that holds rows (from the oldest plausible uuidv7 on) up to `ahead` months from now.
  -- Ids that are no uuidv7 count for nothing (one scan, cheap beside the copy below).
  EXECUTE format('SELECT min(id) FROM public.%I WHERE id >= %L AND id ~ %L', legacy, cairn_history.month_id('2000-01-01'),
    '^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$') INTO oldest;
  first_month := cairn_history.id_month(oldest);
  first_month := least(coalesce(first_month, date_trunc('month', now(), 'UTC')), date_trunc('month', now(), 'UTC'));
  m := first_month;
  WHILE m <= date_trunc('month', now(), 'UTC') + make_interval(months => ahead) LOOP
    PERFORM cairn_history.create_month(tbl, m);
    m := m + INTERVAL '1 month';
  END LOOP;

  EXECUTE format('INSERT INTO public.%I SELECT * FROM public.%I', tbl, legacy);

  FOR item IN SELECT * FROM jsonb_array_elements(indexes) LOOP
    cols := ARRAY(SELECT jsonb_array_elements_text(item->'cols'));
    IF (item->>'primary')::BOOLEAN AND 'id' = ANY (cols) THEN
      EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I PRIMARY KEY (%s)', tbl, item->>'name',
        (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols) c));
    ELSIF (item->>'unique')::BOOLEAN AND NOT 'id' = ANY (cols) THEN
      -- Kept for lookups, its uniqueness enforced through unique_keys.
      EXECUTE regexp_replace(item->>'def', '^CREATE UNIQUE INDEX', 'CREATE INDEX');
      IF (item->>'primary')::BOOLEAN THEN
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF %I ON public.%I FOR EACH ROW EXECUTE FUNCTION cairn_history.seq_from_sequence(%L)',
          item->>'name', cols[1], tbl, (SELECT s->>'seq' FROM jsonb_array_elements(sequences) s WHERE s->>'col' = cols[1]));
      ELSE
        INSERT INTO cairn_history.keyed_uniques VALUES (item->>'name', tbl, cols);
        EXECUTE format('INSERT INTO cairn_history.unique_keys (constraint_name, key, row_id) SELECT %L, ARRAY[%s]::TEXT, id FROM public.%I WHERE %s',
          item->>'name', (SELECT string_agg(format('%I::TEXT', c), ', ') FROM unnest(cols) c), tbl,
          (SELECT string_agg(format('%I IS NOT NULL', c), ' AND ') FROM unnest(cols) c));
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OF %s OR DELETE ON public.%I FOR EACH ROW EXECUTE FUNCTION cairn_history.claim_unique(%L, %s)',
          left(item->>'name', 57) || '_claim', (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols || ARRAY['id']) c), tbl,
          item->>'name', (SELECT string_agg(quote_literal(c), ', ') FROM unnest(cols) c));
      END IF;
    ELSE
      EXECUTE item->>'def';
    END IF;
  END LOOP;
  IF EXISTS (SELECT 1 FROM cairn_history.keyed_uniques WHERE table_name = tbl) THEN
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON public.%I FOR EACH STATEMENT EXECUTE FUNCTION cairn_history.free_unique_keys()',
      tbl || '_free_keys', tbl);
  END IF;

  FOR item IN SELECT * FROM jsonb_array_elements(own) LOOP
    EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', tbl, item->>'name', item->>'def');
  END LOOP;
  FOR item IN SELECT * FROM jsonb_array_elements(triggers) LOOP
    EXECUTE item #>> '{}';
  END LOOP;
  FOR item IN SELECT * FROM jsonb_array_elements(sequences) LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNED BY public.%I.%I', item->>'seq', tbl, item->>'col');
  END LOOP;
  EXECUTE format('DROP TABLE public.%I', legacy);
  FOR item IN SELECT * FROM jsonb_array_elements(incoming) LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', item->>'rel', item->>'name', item->>'def');
  END LOOP;
END
$$;

-- Three months ahead at conversion; the worker's maintain-partitions job keeps it so.
SELECT cairn_history.convert_table('events', 3, TRUE);
SELECT cairn_history.convert_table('invitations', 3, TRUE);
SELECT cairn_history.convert_table('responses', 3, FALSE);
SELECT cairn_history.convert_table('outbox_events', 3, TRUE);
SELECT cairn_history.convert_table('webhook_deliveries', 3, TRUE);
SELECT cairn_history.convert_table('webhook_attempts', 3, TRUE);

/** Months (UTC) that have a partition of a droppable table and end at or before `cutoff`, oldest first. */
CREATE FUNCTION cairn_history.expired_months(cutoff TIMESTAMPTZ) RETURNS SETOF TIMESTAMPTZ LANGUAGE sql STABLE AS $$
  SELECT DISTINCT (to_date(right(c.relname, 7), 'YYYY_MM')::TIMESTAMP AT TIME ZONE 'UTC') AS m
  FROM cairn_history.partitioned_tables t
  JOIN pg_inherits i ON i.inhparent = ('public.' || quote_ident(t.table_name))::REGCLASS
  JOIN pg_class c ON c.oid = i.inhrelid
  WHERE t.droppable AND c.relname ~ '_p[0-9]{4}_[0-9]{2}$'
    AND (to_date(right(c.relname, 7), 'YYYY_MM')::TIMESTAMP AT TIME ZONE 'UTC') + INTERVAL '1 month' <= cutoff
  ORDER BY m
$$;

/**
 * Drops the month starting at `m` of every droppable history table, whole partitions, in one transaction; returns
 * the partitions dropped, none when the month still holds work (an unrelayed outbox row, a pending webhook delivery).
 * First what still points into the month from later rows goes: attempts logged after their delivery's month, the
 * invitation tokens, later invitations' link to an event, responses' link to an invitation (responses stay: they are
 * history, and per-workspace retention anonymises them). Then the month's unique keys, then each partition is
 * detached (Postgres checks no foreign key still points into it) and dropped. A lock not had within lock_timeout
 * fails the call (the next run tries again) rather than queueing every writer of the table behind it.
 */
CREATE FUNCTION cairn_history.drop_month(m TIMESTAMPTZ) RETURNS SETOF TEXT LANGUAGE plpgsql AS $$
DECLARE
  lo TEXT := cairn_history.month_id(m);
  hi TEXT := cairn_history.month_id(m + INTERVAL '1 month');
  t TEXT;
  name TEXT;
  busy BOOLEAN;
  q RECORD;
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
  DELETE FROM public.webhook_attempts WHERE delivery_id >= lo AND delivery_id < hi AND id >= hi;
  DELETE FROM public.invitation_tokens WHERE invitation_id >= lo AND invitation_id < hi;
  UPDATE public.invitations SET event_id = NULL WHERE event_id >= lo AND event_id < hi AND id >= hi;
  UPDATE public.responses SET invitation_id = NULL WHERE invitation_id >= lo AND invitation_id < hi;
  -- Children before parents, so each detach finds nothing pointing into its partition.
  FOREACH t IN ARRAY ARRAY['webhook_attempts', 'webhook_deliveries', 'invitations', 'events', 'outbox_events'] LOOP
    CONTINUE WHEN NOT EXISTS (SELECT 1 FROM cairn_history.partitioned_tables p WHERE p.table_name = t AND p.droppable);
    name := cairn_history.partition_name(t, m);
    CONTINUE WHEN to_regclass('cairn_history.' || quote_ident(name)) IS NULL;
    FOR q IN SELECT * FROM cairn_history.keyed_uniques WHERE table_name = t LOOP
      EXECUTE format('DELETE FROM cairn_history.unique_keys k USING cairn_history.%I p
        WHERE k.constraint_name = %L AND k.key = ARRAY[%s]::TEXT AND k.row_id = p.id', name, q.constraint_name,
        (SELECT string_agg(format('p.%I::TEXT', c), ', ') FROM unnest(q.columns) c));
    END LOOP;
    EXECUTE format('ALTER TABLE public.%I DETACH PARTITION cairn_history.%I', t, name);
    EXECUTE format('DROP TABLE cairn_history.%I', name);
    RETURN NEXT name;
  END LOOP;
END
$$;
