-- The unique-key claims of 001, one trigger function per key instead of the generic claim_unique(): that one turned
-- the whole row into JSON once per key column on every write, and ran (and queued an after-trigger event) for every
-- row, also when a key column is NULL and nothing is claimed. On a response, with its three keys, that was about a
-- third of the insert's time. Now each key has its own function that reads NEW's columns directly, and three
-- triggers whose WHEN clauses let Postgres skip, without calling anything, an insert with a NULL in the key, an
-- update that changes neither the key nor the id, and a delete of a row that held no key. What a claim does is
-- unchanged: the same rows in cairn_history.unique_keys, the same 23505 naming the logical index.

/** Makes the specialised function and the three triggers of one keyed unique index, and drops its generic trigger. */
CREATE FUNCTION cairn_history.specialise_claim(name TEXT, tbl TEXT, cols TEXT[]) RETURNS VOID LANGUAGE plpgsql AS $fn$
DECLARE
  fn TEXT := 'claim_' || left(name, 57);
  key_of TEXT;
  present_in TEXT;
  changed TEXT;
  list TEXT := (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols) c);
BEGIN
  key_of := 'ARRAY[' || (SELECT string_agg(format('%%1$s.%I::TEXT', c), ', ') FROM unnest(cols) c) || ']::TEXT';
  present_in := (SELECT string_agg(format('%%1$s.%I IS NOT NULL', c), ' AND ') FROM unnest(cols) c);
  changed := (SELECT string_agg(format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', c), ' OR ') FROM unnest(cols) c) || ' OR OLD.id IS DISTINCT FROM NEW.id';
  EXECUTE format($f$
    CREATE FUNCTION cairn_history.%1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
    DECLARE
      owner TEXT;
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        IF %4$s THEN
          DELETE FROM cairn_history.unique_keys WHERE constraint_name = %2$L AND key = %3$s AND row_id = OLD.id;
        END IF;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        IF %6$s THEN
          INSERT INTO cairn_history.unique_keys (constraint_name, key, row_id) VALUES (%2$L, %5$s, NEW.id)
          ON CONFLICT (constraint_name, key) DO NOTHING;
          IF NOT FOUND THEN
            SELECT k.row_id INTO owner FROM cairn_history.unique_keys k WHERE k.constraint_name = %2$L AND k.key = %5$s;
            IF owner IS DISTINCT FROM NEW.id THEN
              RAISE EXCEPTION 'duplicate key value violates unique constraint "%%"', %2$L USING
                ERRCODE = 'unique_violation', CONSTRAINT = %2$L,
                DETAIL = format('Key (%%s)=(%%s) already exists.', %7$L, array_to_string(%5$s::TEXT[], ', '));
            END IF;
          END IF;
        END IF;
      END IF;
      RETURN NULL;
    END
    $body$$f$,
    fn, name, format(key_of, 'OLD'), format(present_in, 'OLD'), format(key_of, 'NEW'), format(present_in, 'NEW'),
    array_to_string(cols, ', '));
  EXECUTE format('DROP TRIGGER %I ON public.%I', left(name, 57) || '_claim', tbl);
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON public.%I FOR EACH ROW WHEN (%s) EXECUTE FUNCTION cairn_history.%I()',
    left(name, 57) || '_ins', tbl, format(present_in, 'NEW'), fn);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OF %s ON public.%I FOR EACH ROW WHEN (%s) EXECUTE FUNCTION cairn_history.%I()',
    left(name, 57) || '_upd', list || ', id', tbl, changed, fn);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON public.%I FOR EACH ROW WHEN (%s) EXECUTE FUNCTION cairn_history.%I()',
    left(name, 57) || '_del', tbl, format(present_in, 'OLD'), fn);
END
$fn$;

SELECT cairn_history.specialise_claim(constraint_name, table_name, columns) FROM cairn_history.keyed_uniques ORDER BY constraint_name;
