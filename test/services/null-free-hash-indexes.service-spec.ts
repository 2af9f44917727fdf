import type { Pool } from 'pg';
import { PG_POOL } from '@cairn/database';
import { DistributionModule, EventIntakeService } from '@cairn/distribution';
import { JourneyModule } from '@cairn/journey';
import { PeopleModule } from '@cairn/people';
import { SurveyModule } from '@cairn/survey';
import { createPerson, createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

/**
 * An invitation's message id and a person's phone number are NULL for most rows (an invitation until a send claims
 * it, a throttled one for ever; a person reached by email). Their indexes are hash indexes, which store no NULL key,
 * so the intake writes no entry in them for such rows (a B-tree stored one for every row), and they still serve the
 * look-ups by equality that SMS callbacks, SMS replies and the Delighted API make.
 */
describe('hash indexes on mostly-NULL keys (service tier)', () => {
  let t: ServiceTest;
  let pool: Pool;

  beforeAll(async () => {
    t = await createServiceTest([PeopleModule, JourneyModule, SurveyModule, DistributionModule]);
    pool = t.get<Pool>(PG_POOL as never);
    await pool.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
  });
  afterAll(() => t?.close());

  /** Index entries of a hash index, summed over its partitions' when the table is partitioned (the metapage's count). */
  async function entries(index: string): Promise<number> {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT COALESCE(sum((hash_metapage_info(get_raw_page(oid::regclass::text, 0))).ntuples), 0) AS n FROM (
         SELECT oid FROM pg_class WHERE oid = $1::regclass AND relkind = 'i'
         UNION ALL SELECT relid FROM pg_partition_tree($1::regclass) WHERE isleaf AND relid <> $1::regclass) leaves`,
      [index],
    );
    return Number(rows[0].n);
  }

  /** Whether the planner, kept from reading the table, finds rows of `sql` through `index` (or a partition's copy). */
  async function usesIndex(sql: string, index: string): Promise<boolean> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN; SET LOCAL enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`);
      await client.query('ROLLBACK');
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      return new RegExp(`Index Scan using \\S*${index.replace(/^[a-z]+_/, '')}`).test(plan);
    } finally {
      client.release();
    }
  }

  it('takes an entry only for the rows that have the key, and serves equality look-ups', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    const { touchpoint: other } = await createTouchpointWithJourney(t, workspaceId);
    // Two surveys on one event: each person gets one invitation scheduled and one throttled.
    await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: 'order.returned' } });
    await createSurvey(t, workspaceId, { touchpointId: other.id, trigger: { event: 'order.returned' } });
    const [invitationsBefore, peopleBefore] = [await entries('invitations_message_id_idx'), await entries('people_phone_number_idx')];
    const intake = t.get(EventIntakeService);
    for (let i = 0; i < 3; i++) await intake.accept(workspaceId, { type: 'order.returned', person: { email: `hash-${i}@example.com` } });
    await createPerson(t, workspaceId, { email: 'texted@example.com', phone: '+4520000001' });

    const { rows } = await pool.query<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM invitations WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1`,
      [workspaceId],
    );
    expect(rows).toEqual([
      { status: 'scheduled', n: 3 },
      { status: 'throttled', n: 3 },
    ]);
    expect(await pool.query('SELECT 1 FROM people WHERE workspace_id = $1', [workspaceId])).toMatchObject({ rowCount: 4 });
    // Six invitations and four people written, one number among them, no message id yet.
    expect(await entries('invitations_message_id_idx')).toBe(invitationsBefore);
    expect(await entries('people_phone_number_idx')).toBe(peopleBefore + 1);

    // A claim sets the message id: the row gets its entry, and is found by it.
    await pool.query(
      `UPDATE invitations SET message_id = 'SM-hash-probe' WHERE id = (SELECT id FROM invitations WHERE workspace_id = $1 AND status = 'scheduled' LIMIT 1)`,
      [workspaceId],
    );
    expect(await entries('invitations_message_id_idx')).toBe(invitationsBefore + 1);
    expect(await usesIndex(`SELECT id FROM invitations WHERE message_id = 'SM-hash-probe'`, 'invitations_message_id_idx')).toBe(true);
    expect(await usesIndex(`SELECT id FROM people WHERE phone_number = '+4520000001'`, 'people_phone_number_idx')).toBe(true);
    const found = await pool.query(`SELECT 1 FROM invitations WHERE message_id = 'SM-hash-probe'`);
    expect(found.rowCount).toBe(1);
  });
});
