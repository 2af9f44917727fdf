import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { JOB_QUEUE, JobName, QueueName, SCHEDULED_JOBS } from '@cairn/jobs';
import { waitFor } from '../utils/test-worker';
import type { AnswerLoad } from './answer-load';
import type { ChaosCluster } from './chaos-cluster';
import { isBounceAddress } from './chaos-faults';
import type { EventLoad } from '../utils/event-load';

export interface CheckRow {
  check: string;
  value: string;
  ok: boolean;
}

/**
 * Waits until nothing is in flight any more: every invitation settled, every webhook delivered, and no domain
 * event waiting for its dispatch job. The last matters after a SIGKILL: the killed worker's dispatch job stays
 * active until its lock lapses and a stalled check hands it back (up to twice JOB_LOCK_MS), and until it runs
 * again its events have neither outbox rows pending nor deliveries. False on timeout (the table shows what is left).
 */
export async function settle(cluster: ChaosCluster, timeoutMs: number): Promise<boolean> {
  return withEventsQueue(cluster, (queue) =>
    withDb(cluster, (db) =>
      waitFor(
        async () => {
          const { rows } = await db.query(`SELECT
        (SELECT count(*) FROM invitations WHERE status IN ('scheduled', 'sending'))::int AS invitations,
        (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending')::int AS deliveries,
        (SELECT count(*) FROM outbox_events WHERE processed_at IS NULL)::int AS outbox`);
          if (rows[0].invitations + rows[0].deliveries + rows[0].outbox > 0) return false;
          return (await eventJobsInFlight(queue)) === 0;
        },
        timeoutMs,
        'the platform to settle',
      ).then(
        () => true,
        () => false,
      ),
    ),
  );
}

async function eventJobsInFlight(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

interface InvitationRecord {
  id: string;
  status: string;
  reason: string | null;
  attempts: number;
  last_error: string | null;
  handed_over: boolean;
  unsubscribed: boolean;
  erased: boolean;
  suppression: string | null;
  responses: number;
}

/** An invitation's own record of how it ended, for a row that failed, with what its person's state says of it. */
function recordOf(i: InvitationRecord): string {
  const facts = [
    i.reason && `reason ${i.reason}`,
    i.handed_over && 'handed over',
    i.responses > 0 && `${i.responses} response(s)`,
    i.unsubscribed && 'person unsubscribed',
    i.erased && 'person erased',
    i.suppression && `address suppressed (${i.suppression})`,
  ].filter(Boolean);
  return `${i.id} ${i.status} after ${i.attempts} attempt(s): ${i.last_error ?? 'no error noted'}${facts.length ? `; ${facts.join(', ')}` : ''}`;
}

/** The end-of-run table: each row compares what was accepted with what happened, from the outside and from the database. */
export async function runChecks(cluster: ChaosCluster, events: EventLoad, answers: AnswerLoad): Promise<CheckRow[]> {
  const eventJobs = await withEventsQueue(cluster, async (queue) => ({
    inFlight: await eventJobsInFlight(queue),
    failed: (await queue.getJobCounts('failed')).failed,
  }));
  return withDb(cluster, async (db) => {
    const rows: CheckRow[] = [];
    const eventIds = [...events.accepted.keys()];
    const stored = await db.query('SELECT count(*)::int AS n FROM events WHERE id = ANY($1::text[])', [eventIds]);
    rows.push({
      check: 'accepted events (202), all stored',
      value: `${eventIds.length} accepted, ${stored.rows[0].n} stored`,
      ok: stored.rows[0].n === eventIds.length && eventIds.length > 0,
    });

    const ids = events.invitationIds;
    const { rows: invitations } = await db.query<InvitationRecord & { email: string }>(
      `SELECT i.id, i.status, i.reason, p.email, i.attempts, i.last_error, i.handed_over_at IS NOT NULL AS handed_over,
         p.unsubscribed_at IS NOT NULL AS unsubscribed, p.erased_at IS NOT NULL AS erased,
         (SELECT x.reason::text || coalesce(': ' || x.detail, '') FROM suppressions x WHERE x.workspace_id = i.workspace_id AND x.email_hash = p.email_hash) AS suppression,
         (SELECT count(*) FROM responses r WHERE r.invitation_id = i.id)::int AS responses
       FROM invitations i JOIN people p ON p.id = i.person_id WHERE i.id = ANY($1::text[])`,
      [ids],
    );
    const sendable = invitations.filter((i) => !isBounceAddress(i.email));
    const bounced = invitations.filter((i) => isBounceAddress(i.email));
    // Which ones ended otherwise, with their record: a failed run is hard to reproduce.
    const off = [
      ...sendable.filter((i) => i.status !== 'sent' && i.status !== 'responded'),
      ...bounced.filter((i) => i.status !== 'failed'),
    ].map(recordOf);
    rows.push({
      check: 'invitations: sendable sent, 550 ones failed',
      value: `${invitations.length} (${sendable.length} sendable, ${bounced.length} answered 550)${off.length ? `; ${off.length} not so: ${off.slice(0, 3).join('; ')}` : ''}`,
      ok: off.length === 0 && invitations.length === ids.length,
    });

    // Survey emails carry <invitation id@localhost>; detractor cases also mail the admin (<case-…@cairn>), once each.
    const all = cluster.sink.countByMessageId();
    const counts = new Map([...all].filter(([id]) => id.endsWith('@localhost>')));
    const notices = [...all].filter(([id]) => id.startsWith('<case-'));
    const expected = new Set(sendable.map((i) => `<${i.id}@localhost>`));
    const twice = [...[...counts].filter(([, n]) => n > 1), ...notices.filter(([, n]) => n > 1)].map(([id]) => id);
    const duplicates = twice.length;
    const missingIds = [...expected].filter((id) => !counts.has(id));
    const missing = missingIds.length;
    // Why an email is missing is in the invitation's own record: print it, a failed run is hard to reproduce.
    const byMessageId = new Map(sendable.map((i) => [`<${i.id}@localhost>`, i]));
    const why = missingIds.slice(0, 3).map((id) => recordOf(byMessageId.get(id)!));
    const extra = [...counts.keys()].filter((id) => !expected.has(id)).length + all.size - counts.size - notices.length;
    rows.push({
      check: 'emails: one per sendable invitation (Message-ID)',
      value: `${counts.size} survey mails, ${notices.length} case notices; ${duplicates} duplicated${duplicates ? ` (${twice.slice(0, 3).join(' ')})` : ''}, ${missing} missing${why.length ? ` (${why.join('; ')})` : ''}, ${extra} unexpected`,
      ok: duplicates + missing + extra === 0,
    });

    const answered = [...answers.answered];
    const { rows: responses } = await db.query<{ invitation_id: string; score: number }>(
      'SELECT invitation_id, score FROM responses WHERE invitation_id = ANY($1::text[])',
      [answered.map(([id]) => id)],
    );
    const byInvitation = new Map(responses.map((r) => [r.invitation_id, r.score]));
    const answersOk = responses.length === answered.length && answered.every(([id, score]) => byInvitation.get(id) === score);
    const recount = await rollupMismatches(db);
    rows.push({
      check: 'answers stored once = rollup recount',
      value: `${answered.length} answered, ${responses.length} stored, ${recount} rollup cells off`,
      ok: answersOk && recount === 0,
    });

    const { rows: deliveries } = await db.query<{ id: string; event_type: string }>('SELECT id, event_type FROM webhook_deliveries');
    const hitIds = cluster.receiver.uniqueIds();
    const undelivered = deliveries.filter((d) => !hitIds.has(d.id)).length;
    const idsPerEvent = new Map<string, Set<string>>();
    for (const hit of cluster.receiver.hits) {
      const eventId = (JSON.parse(hit.body) as { id: string }).id;
      idsPerEvent.set(eventId, (idsPerEvent.get(eventId) ?? new Set()).add(hit.id));
    }
    const split = [...idsPerEvent.values()].filter((set) => set.size > 1).length;
    const created = deliveries.filter((d) => d.event_type === 'response.created').length;
    const detractors = deliveries.filter((d) => d.event_type === 'response.detractor').length;
    const expectedDetractors = answered.filter(([, score]) => score <= 6).length;
    rows.push({
      check: 'webhook events: each delivered, one webhook-id',
      value:
        `${deliveries.length} events (${created} created of ${answered.length}, ${detractors} detractor of ${expectedDetractors}), ` +
        `${cluster.receiver.hits.length} requests; ${undelivered} undelivered, ${split} with 2 ids; ` +
        `dispatch jobs: ${eventJobs.failed} failed, ${eventJobs.inFlight} still queued`,
      ok:
        undelivered === 0 &&
        split === 0 &&
        created === answered.length &&
        detractors === expectedDetractors &&
        eventJobs.failed + eventJobs.inFlight === 0,
    });

    rows.push(await scheduledOncePerTick(cluster));

    rows.push({
      check: 'unexpected process deaths',
      value: String(cluster.unexpectedDeaths.length),
      ok: cluster.unexpectedDeaths.length === 0,
    });
    return rows;
  });
}

/**
 * Every worker registers the schedules at boot and from its watchdog, yet each scheduled job has one scheduler
 * cluster-wide and runs once per tick: for the frequent ones, the runs kept in the queue fit their period (three
 * workers each running their own timer would triple them). A run's id carries its tick (BullMQ: repeat:<name>:<ms>).
 */
async function scheduledOncePerTick(cluster: ChaosCluster): Promise<CheckRow> {
  const connection = chaosRedis(cluster);
  const queue = new Queue(QueueName.Maintenance, { connection, prefix: cluster.prefix });
  try {
    const schedulers = (await queue.getJobSchedulers(0, -1)).map((scheduler) => scheduler.key);
    const expected = Object.keys(SCHEDULED_JOBS).filter((name) => JOB_QUEUE[name as JobName] === QueueName.Maintenance);
    const registeredOnce = expected.every((name) => schedulers.filter((key) => key === name).length === 1);
    const runs = await queue.getJobs(['completed', 'failed'], 0, -1);
    const rates = [JobName.FoldRollups, JobName.RelayOutbox].map((name) => {
      const ticks = runs.filter((job) => job.name === name).map((job) => Number(String(job.id).split(':').pop()));
      const span = Math.max(...ticks) - Math.min(...ticks);
      const most = Math.floor(span / SCHEDULED_JOBS[name]!) + 1;
      return { name, runs: ticks.length, most, ok: ticks.length > 1 && new Set(ticks).size === ticks.length && ticks.length <= most };
    });
    return {
      check: `scheduled jobs: one scheduler each, once per tick (${cluster.workers.length} workers)`,
      value: `${schedulers.length} schedulers for ${expected.length} jobs; ${rates.map((r) => `${r.name} ${r.runs} runs, at most ${r.most}`).join(', ')}`,
      ok: registeredOnce && schedulers.length === expected.length && rates.every((r) => r.ok),
    };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Cells (touchpoint, score, bucket size) where a rollup's count differs from counting the responses themselves. */
async function rollupMismatches(db: Client): Promise<number> {
  let off = 0;
  for (const table of ['score_rollups', 'score_rollups_daily', 'score_rollups_weekly']) {
    const { rows } = await db.query<{ n: number }>(`
      WITH raw AS (SELECT touchpoint_id, score, count(*)::int AS n FROM responses GROUP BY 1, 2),
           -- What a score read counts: the folded rows plus the deltas the worker has not folded yet.
           rolled AS (SELECT touchpoint_id, score, sum(n)::int AS n FROM (
             SELECT touchpoint_id, score, count AS n FROM ${table}
             UNION ALL SELECT touchpoint_id, score, delta FROM score_rollup_deltas) levels GROUP BY 1, 2)
      SELECT count(*)::int AS n FROM raw FULL JOIN rolled USING (touchpoint_id, score) WHERE raw.n IS DISTINCT FROM rolled.n`);
    off += rows[0].n;
  }
  return off;
}

function chaosRedis(cluster: ChaosCluster): Redis {
  const connection = new Redis(cluster.redis.url, { maxRetriesPerRequest: 1, lazyConnect: false });
  connection.on('error', () => undefined);
  return connection;
}

async function withEventsQueue<T>(cluster: ChaosCluster, work: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = chaosRedis(cluster);
  const queue = new Queue(QueueName.Events, { connection, prefix: cluster.prefix });
  try {
    return await work(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

async function withDb<T>(cluster: ChaosCluster, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: cluster.databaseUrl });
  db.on('error', () => undefined);
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export function formatTable(rows: CheckRow[]): string {
  const width = Math.max(...rows.map((r) => r.check.length));
  const lines = rows.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.check.padEnd(width)}  ${r.value}`);
  return ['', `      ${'check'.padEnd(width)}  result`, ...lines, ''].join('\n');
}
