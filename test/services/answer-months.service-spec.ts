import type { Pool } from 'pg';
import { uuid7 } from '@cairn/common';
import { HistoryLayout, PG_POOL, ReadRouter } from '@cairn/database';
import { JourneyModule } from '@cairn/journey';
import { type Piece, ScoreCountsRepository, ScoresModule } from '@cairn/scores';
import { createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date();
/** The first millisecond (UTC) of the month `back` months before this one. */
const month = (back: number) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1);
const partitionOf = (ms: number) => {
  const at = new Date(ms);
  return `responses_p${at.getUTCFullYear()}_${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
};

/**
 * On history partitioned by month, each month's partition of responses holds only answers dated in its month (a day
 * either side), so the score reads that count raw answers by date (the edges of a range at an odd instant, every
 * filtered read) open only the months of their range and the default partition, never every month's. Counts must
 * stay those of the whole table, wherever an answer sits.
 */
describe('answers read by date name their months (history partitioned by month)', () => {
  let t: ServiceTest;
  let pool: Pool;
  let counts: ScoreCountsRepository;
  let workspaceId: string;
  let touchpointId: string;

  beforeAll(async () => {
    t = await createServiceTest([JourneyModule, ScoresModule], {}, { partitioned: true });
    pool = t.get<Pool>(PG_POOL as never);
    counts = t.get(ScoreCountsRepository);
    workspaceId = (await createWorkspace(t)).id;
    const { journey, touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    touchpointId = touchpoint.id;
    // Two months back have partitions (made as the hourly job makes them); the third month back has none, so ids of
    // that month sit in the default partition.
    await pool.query(
      `SELECT cairn_history.create_month('responses', $1::timestamptz), cairn_history.create_month('responses', $2::timestamptz)`,
      [new Date(month(1)).toISOString(), new Date(month(2)).toISOString()],
    );
    const answer = (id: string, at: number, score: number) => ({ id, at: new Date(at).toISOString(), score });
    const answers = [
      // Every six hours from two months back to today, ids made when dated, as every writer makes them.
      ...Array.from({ length: Math.floor((Date.now() - month(2)) / (6 * HOUR)) }, (_, i) => {
        const at = month(2) + i * 6 * HOUR + 17_000;
        return answer(uuid7(at), at, i % 11);
      }),
      // Dated a moment after last month began, with an id made a moment before it: in the month before's partition.
      answer(uuid7(month(1) - 300), month(1) + 200, 10),
      // And the other way round: dated in the month before, its id in last month's partition.
      answer(uuid7(month(1) + 100), month(1) - 100, 0),
      // No uuidv7 (made by hand, long ago): the default partition, dated last month.
      answer('00000000-0000-4000-8000-000000000001', month(1) + 10 * DAY + 4 * HOUR, 3),
      // A uuidv7 of the third month back, which has no partition (the default one), dated two months back.
      answer(uuid7(month(3) + 15 * DAY), month(2) + 13 * HOUR, 4),
      // Ids past every partition: the default partition too.
      answer(uuid7(Date.UTC(2040, 0, 1)), month(2) + 13 * HOUR + 5, 5),
    ];
    await pool.query(
      `INSERT INTO responses (id, workspace_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max, score, source, created_at)
       SELECT a.id, $1, $2, $3, $4, 'nps', 0, 10, a.score, 'web', a.at FROM unnest($5::text[], $6::timestamp[], $7::int[]) AS a(id, at, score)`,
      [
        workspaceId,
        touchpointId,
        touchpoint.stageId,
        journey.id,
        answers.map((a) => a.id),
        answers.map((a) => a.at),
        answers.map((a) => a.score),
      ],
    );
  });
  afterAll(() => t?.close());

  /** What the whole table holds, score by score, for answers created in [from, to). */
  async function truth(from: number, to: number): Promise<Record<number, number>> {
    const { rows } = await pool.query<{ score: number; n: number }>(
      `SELECT score, count(*)::int AS n FROM responses WHERE touchpoint_id = $1 AND created_at >= $2::timestamp AND created_at < $3::timestamp
       GROUP BY score`,
      [touchpointId, new Date(from).toISOString(), new Date(to).toISOString()],
    );
    return Object.fromEntries(rows.map((r) => [r.score, r.n]));
  }

  async function counted(ranges: Array<[number, number]>): Promise<Array<Record<number, number>>> {
    const pieces: Piece[] = ranges.map(([from, to], key) => ({ key, level: 'raw', from, to, sign: 1 }));
    const rows = await counts.counts({ workspaceId, pairs: [{ touchpointId, metric: 'nps' }], pieces, filters: [], byTouchpoint: false });
    return ranges.map((_, key) => Object.fromEntries(rows.filter((r) => r.key === key).map((r) => [r.score, r.count])));
  }

  const RANGES: Record<string, [number, number]> = {
    'across the start of last month': [month(1) - HOUR / 2, month(1) + HOUR / 2],
    'the first hour of last month (an answer whose id is of the month before)': [month(1), month(1) + HOUR],
    'the last hour of the month before (an answer whose id is of last month)': [month(1) - HOUR, month(1)],
    'an hour inside last month, with a default-partition answer': [month(1) + 10 * DAY + 3 * HOUR, month(1) + 10 * DAY + 5 * HOUR],
    'two hours near the start of two months back (its month before has no partition)': [month(2) + 12 * HOUR, month(2) + 14 * HOUR],
    everything: [month(3), Date.now() + DAY],
    'a range with no answers': [month(0) - 5 * DAY + 1_000, month(0) - 5 * DAY + 2_000],
  };

  it('every partition of responses is held to its month, and the reads know it', async () => {
    expect(await t.get(HistoryLayout).datedAnswerMonths()).toBe(true);
    // Answers dated outside their id's month are refused, a day either side of it let in.
    const refused = await pool
      .query(
        `INSERT INTO responses (id, workspace_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max, score, source, created_at)
         SELECT $1, workspace_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max, 1, source, $2::timestamp FROM responses LIMIT 1`,
        [uuid7(month(1) + 5 * DAY), new Date(month(1) - 2 * DAY).toISOString()],
      )
      .then(
        () => null,
        (error: { code?: string; constraint?: string }) => error,
      );
    expect({ code: refused?.code, constraint: refused?.constraint }).toEqual({
      code: '23514',
      constraint: `${partitionOf(month(1))}_dated`,
    });
    // A month made later is made with its CHECK, valid.
    await pool.query(`SELECT cairn_history.create_month('responses', '2031-05-01T00:00:00Z')`);
    const { rows } = await pool.query<{ valid: boolean }>(
      `SELECT convalidated AS valid FROM pg_constraint WHERE conname = 'responses_p2031_05_dated'`,
    );
    expect(rows).toEqual([{ valid: true }]);
  });

  it.each(Object.entries(RANGES))('counts what the whole table holds: %s', async (_, [from, to]) => {
    const expected = await truth(from, to);
    expect((await counted([[from, to]]))[0]).toEqual(expected);
  });

  it('counts every range alike when read together', async () => {
    const ranges = Object.values(RANGES);
    const expected = await Promise.all(ranges.map(([from, to]) => truth(from, to)));
    expect(await counted(ranges)).toEqual(expected);
    // The hand-made cases are in there: the moment-apart pair across the month's start, the default partition's answers.
    expect(expected[0]).toMatchObject({ 0: expect.any(Number), 10: expect.any(Number) });
    expect(expected[1]).toMatchObject({ 10: expect.any(Number) });
    expect(expected[2]).toMatchObject({ 0: expect.any(Number) });
    expect(expected[4]).toMatchObject({ 4: 1, 5: 1 });
  });

  it('opens only the months of its range: an hour of last month reads its partition and the default one', async () => {
    const read = jest.spyOn(t.get(ReadRouter), 'query');
    const [from, to] = RANGES['an hour inside last month, with a default-partition answer'];
    await counted([[from, to]]);
    const statement = read.mock.calls[0][0];
    read.mockRestore();
    const client = await pool.connect();
    try {
      // As ReadRouter runs it, in a transaction asking for generic plans; Postgres prunes the months out of the plan,
      // or when the plan starts (EXPLAIN ANALYZE lists only what it kept).
      await client.query('BEGIN; SET LOCAL plan_cache_mode = force_generic_plan');
      const plan = await client.query<{ 'QUERY PLAN': unknown }>({
        text: `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`,
        values: statement.values,
      });
      const scanned = JSON.stringify(plan.rows[0]['QUERY PLAN']).match(/"Relation Name":"responses_[a-z0-9_]+"/g) ?? [];
      expect([...new Set(scanned)].sort()).toEqual(
        [`"Relation Name":"${partitionOf(month(1))}"`, '"Relation Name":"responses_default"'].sort(),
      );
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('reads every month where one partition lets in answers of other months (a database partitioned before the CHECK)', async () => {
    const part = partitionOf(month(2));
    await pool.query(`ALTER TABLE cairn_history.${part} DROP CONSTRAINT ${part}_dated`);
    await pool.query(
      `ALTER TABLE cairn_history.${part} ADD CONSTRAINT ${part}_dated CHECK (created_at >= '2000-01-01'::timestamp) NOT VALID`,
    );
    const fresh = new HistoryLayout(pool);
    expect(await fresh.datedAnswerMonths()).toBe(false);
  });
});
