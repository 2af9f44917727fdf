import { Client } from 'pg';
import { defaultLayoutDir, runMigrations } from '@cairn/database';
import { adminQuery, databaseUrl } from './utils/test-database';

/**
 * The physical layer (prisma/partitioning) changes storage, never the logical schema: CI's drift check compares
 * prisma/migrations with schema.prisma, so `public` of a partitioned database must still be what those migrations
 * build. Compared here: a database with the Prisma migrations only, and one with migrations + layout.
 */
describe('partitioned layout keeps the logical schema', () => {
  const name = `cairn_logical_${process.pid}_${Date.now().toString(36)}`;
  let logical: Client;
  let physical: Client;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${name}"`);
    await adminQuery(`CREATE DATABASE "${name}_p"`);
    await runMigrations(databaseUrl(name), undefined, { layoutDir: null });
    await runMigrations(databaseUrl(`${name}_p`), undefined, { layoutDir: defaultLayoutDir() });
    logical = new Client({ connectionString: databaseUrl(name) });
    physical = new Client({ connectionString: databaseUrl(`${name}_p`) });
    await Promise.all([logical.connect(), physical.connect()]);
  });
  afterAll(async () => {
    await Promise.all([logical?.end(), physical?.end()]);
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(`DROP DATABASE IF EXISTS "${name}_p" WITH (FORCE)`);
  });

  const rows = async (db: Client, sql: string) => (await db.query(sql)).rows as Array<Record<string, unknown>>;

  it('has the same tables and columns (types, nullability, defaults) in public, and no partition there', async () => {
    const sql = `SELECT table_name, column_name, ordinal_position, data_type, udt_name, is_nullable, column_default,
        character_maximum_length, numeric_precision, datetime_precision
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`;
    expect(await rows(physical, sql)).toEqual(await rows(logical, sql));
    const partitioned = await rows(
      physical,
      "SELECT relname FROM pg_class WHERE relkind = 'p' AND relnamespace = 'public'::regnamespace ORDER BY 1",
    );
    expect(partitioned.map((r) => r.relname)).toEqual([
      'events',
      'invitations',
      'outbox_events',
      'responses',
      'webhook_attempts',
      'webhook_deliveries',
    ]);
  });

  it('has every logical index under its name and columns; a unique one without the id is kept unique by unique_keys', async () => {
    const sql = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname";
    const before = new Map((await rows(logical, sql)).map((r) => [r.indexname as string, r.indexdef as string]));
    const after = new Map(
      (await rows(physical, sql)).map((r) => [r.indexname as string, (r.indexdef as string).replace(' ON ONLY ', ' ON ')]),
    );
    const keyed = new Set(
      (await rows(physical, 'SELECT constraint_name FROM cairn_history.keyed_uniques')).map((r) => r.constraint_name as string),
    );
    expect([...after.keys()]).toEqual([...before.keys()]);
    const differing = [...before].filter(([index, def]) => after.get(index) !== def);
    // Only uniqueness moves, and only for indexes whose uniqueness is held elsewhere.
    expect(differing.map(([index]) => index).sort()).toEqual([...keyed, 'outbox_events_pkey'].sort());
    for (const [index, def] of differing) expect(after.get(index)).toBe(def.replace('CREATE UNIQUE INDEX', 'CREATE INDEX'));
    // The keyed ones are exactly the logical unique indexes of the partitioned tables that lack the partition key.
    expect([...keyed].sort()).toEqual([
      'events_workspace_id_idempotency_key_key',
      'invitations_survey_id_event_id_key',
      'invitations_survey_id_person_id_period_index_key',
      'responses_invitation_id_key',
      'responses_workspace_id_compat_id_key',
      'responses_workspace_id_external_id_key',
      'webhook_attempts_delivery_id_number_key',
      'webhook_deliveries_endpoint_id_outbox_event_id_key',
    ]);
    // outbox_events.seq: its own trigger takes every seq from the sequence.
    const seqTrigger = await rows(
      physical,
      "SELECT 1 FROM pg_trigger WHERE tgrelid = 'public.outbox_events'::regclass AND tgname = 'outbox_events_pkey'",
    );
    expect(seqTrigger).toHaveLength(1);
  });

  it('has every foreign key, check and trigger of the logical schema', async () => {
    const constraints = `SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conparentid = 0 AND contype IN ('f', 'c', 'p', 'u')
        AND conrelid::regclass::text NOT LIKE 'cairn_history.%' ORDER BY 1, 2`;
    const before = await rows(logical, constraints);
    const after = await rows(physical, constraints);
    // Three constraints go: outbox_events' primary key on seq (see above); the invitation's foreign key to its event,
    // whose check locked every month of events (prisma/partitioning/003_invitation_event_link.sql says what holds the
    // link); and the answer's to its invitation, which made every month's drop rewrite the month's answers (006).
    const gone = ['outbox_events_pkey', 'invitations_event_id_fkey', 'responses_invitation_id_fkey'];
    expect(before.filter((c) => gone.includes(c.conname as string))).toHaveLength(3);
    expect(after).toEqual(before.filter((c) => !gone.includes(c.conname as string)));
    const triggers = `SELECT tgrelid::regclass::text AS rel, tgname FROM pg_trigger
      WHERE NOT tgisinternal AND tgparentid = 0 AND tgrelid::regclass::text NOT LIKE 'cairn_history.%' ORDER BY 1, 2`;
    const logicalTriggers = await rows(logical, triggers);
    const physicalTriggers = await rows(physical, triggers);
    expect(physicalTriggers).toEqual(expect.arrayContaining(logicalTriggers));
  });
});
