// Part 2 of distribution-bench: emails/s from the queue to an SMTP sink with
// two real worker processes (re-read, claim, tokens, render, send, mark sent)
// against a bare nodemailer loop, in a process of its own, sending an already rendered survey email.
import { ChildProcess, fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig } from '@cairn/config';
import { JobIds, JobRepository, JobName } from '@cairn/jobs';
import { nodeRuntimeEnv } from '@cairn/ops';
import { cpuBetween, cpuSnapshot, processWrites, usageMs } from './distribution-bench.cpu';
import { CountingSink } from './counting-smtp-sink';
import { rssLine } from './process-rss';

/**
 * Which emails the part sends: the first email of a survey without a reminder, the first email of a survey with one
 * (its "sent" also queues the reminder's job), or the reminders themselves (invitations sent two days ago, reminders due).
 */
export type EmailsKind = 'first' | 'first-with-reminder' | 'reminder';

async function seed(databaseUrl: string, count: number, kind: EmailsKind): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(`UPDATE surveys SET reminder_after_seconds = $1 WHERE trigger_event = 'order.delivered'`, [
    kind === 'first' ? null : 86_400,
  ]);
  const sent = kind === 'reminder';
  const { rows } = await db.query(
    `WITH s AS (SELECT id, workspace_id FROM surveys WHERE trigger_event = 'order.delivered' LIMIT 1),
     p AS (INSERT INTO people (id, workspace_id, email, email_hash, name, locale, properties, updated_at)
           SELECT 'bench-p-' || n, s.workspace_id, 'mail-' || n || '@example.com', md5(n::text), 'Bench', 'en', '{"plan":"pro"}', now()
           FROM s, generate_series(1, $1) n RETURNING id)
     INSERT INTO invitations (id, workspace_id, survey_id, person_id, status, scheduled_for, sent_at, reminder_due_at, expires_at, updated_at)
     SELECT 'bench-i-' || substr(p.id, 9), s.workspace_id, s.id, p.id, CASE WHEN $2 THEN 'sent' ELSE 'scheduled' END::"InvitationStatus",
       now() - CASE WHEN $2 THEN interval '2 days' ELSE interval '0' END, CASE WHEN $2 THEN now() - interval '2 days' END,
       CASE WHEN $2 THEN now() - interval '1 minute' END, now() + interval '30 days', now() FROM s, p
     RETURNING id`,
    [count, sent],
  );
  // As autovacuum soon would in a running service. The statistics were taken in the events part, when no invitation
  // was 'sent': a reminder's statements, planned then (generic plans, kept per connection), found their invitation by
  // walking every 'sent' entry of the (status, …) indexes instead of by id (EXPLAIN, 2026-12-06): 2.8 ms per claim and
  // 1.8 ms per hand-over against 0.6 and 0.04 ms once analysed, a cost of the bench's stale statistics, not of a service.
  await db.query('ANALYZE invitations, people');
  await db.end();
  return rows.map((row: { id: string }) => row.id);
}

/**
 * The events part runs no worker, so its events' sends (~100,000 outbox rows, each a send due in two days) wait in
 * the outbox, and these workers would relay them to BullMQ while sending this part's emails: on 2026-12-05 that
 * relay ran beside the sends and took a third of Postgres's CPU per email. A running service relays each row within
 * milliseconds of its commit (bench:webhooks measures that), so they are marked relayed here, not measured.
 */
async function setAsideEventsBacklog(databaseUrl: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`UPDATE outbox_events SET processed_at = now() AT TIME ZONE 'UTC' WHERE processed_at IS NULL`);
    // Marked in one go, the rows leave as many dead entries in the relay's index on (processed_at, seq), which every
    // poll of the workers' relay then walked (77 ms and 2,700 buffers a poll on 2026-12-05, a seventh of Postgres's
    // CPU per email). A running service marks a few rows at a time and autovacuum clears them; so does this.
    await db.query('VACUUM outbox_events');
  } finally {
    await db.end();
  }
}

/** Every sent invitation has its reminder due and exactly one reminder job queued; or every reminder was sent. */
async function remindersSettled(databaseUrl: string, kind: EmailsKind): Promise<string> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ sent: number; due: number; reminded: number; jobs: number }>(
      `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(reminder_due_at)::int AS due,
         count(reminder_sent_at)::int AS reminded,
         (SELECT count(*)::int FROM outbox_events WHERE payload->>'jobId' LIKE 'reminder-bench-i-%') AS jobs
       FROM invitations WHERE id LIKE 'bench-i-%'`,
    );
    const { sent, due, reminded, jobs } = rows[0];
    if (kind === 'reminder')
      return `reminders: ${reminded} of ${sent} sent invitations reminded${reminded === sent ? '' : '  <-- MISMATCH'}`;
    return `reminders: ${jobs} jobs queued for ${sent} sent invitations, ${due} due${jobs === sent && due === sent ? '' : '  <-- MISMATCH'}`;
  } finally {
    await db.end();
  }
}

function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  // The bench's own node flags go to the workers too: `node --cpu-prof dist/bench/…` profiles them as well.
  return spawn(process.execPath, [...process.execArgv, join(__dirname, '../apps/worker/src/main.js')], {
    env: { ...nodeRuntimeEnv(process.env), ...env, WORKER_HEALTH_PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function benchEmails(
  env: NodeJS.ProcessEnv,
  config: AppConfig,
  count: number,
  log: (s: string) => void,
  kind: EmailsKind = 'first',
): Promise<{ workers: number; raw: number }> {
  const sink = new CountingSink();
  const smtpUrl = await sink.start();
  await setAsideEventsBacklog(config.databaseUrl);
  const ids = await seed(config.databaseUrl, count, kind);
  const jobs = new JobRepository(config);
  for (let i = 0; i < ids.length; i += 1000) {
    await jobs.queueAll(
      ids
        .slice(i, i + 1000)
        .map((invitationId) =>
          kind === 'reminder'
            ? { item: { name: JobName.SendReminder, data: { invitationId } }, opts: { jobId: JobIds.sendReminder(invitationId) } }
            : { item: { name: JobName.SendInvitation, data: { invitationId } }, opts: { jobId: invitationId } },
        ),
    );
  }
  await jobs.onModuleDestroy();
  const workerEnv = { ...env, SMTP_URL: smtpUrl };
  const children = [spawnWorker(workerEnv), spawnWorker(workerEnv)];
  const pids = children.map((child) => child.pid);
  const database = new URL(config.databaseUrl).pathname.slice(1);
  // CPU is counted from the tenth email on, when both workers have booted and their pools are open.
  const warm = Math.ceil(count / 10);
  await sink.until(warm);
  const from = sink.count;
  const [cpuStart, benchCpuStart, benchWritesStart] = [
    await cpuSnapshot(config.databaseUrl, database, pids),
    process.cpuUsage(),
    processWrites(process.pid) ?? 0,
  ];
  const workers = await sink.until(count);
  const cpuEnd = await cpuSnapshot(config.databaseUrl, database, pids);
  const sinkWrites = ((processWrites(process.pid) ?? 0) - benchWritesStart) / (count - from);
  const used = cpuBetween(cpuStart, cpuEnd, pids);
  const sinkMs = usageMs(process.cpuUsage(benchCpuStart)) / (count - from);
  log(`  ${rssLine(`after ${count} emails`, { worker1: children[0].pid, worker2: children[1].pid })}`);
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))),
  );
  log(`  2 workers, queue → SMTP: ${workers.toFixed(0)} emails/s (${sink.ids.size} distinct Message-IDs for ${count} invitations)`);
  if (kind !== 'first') log(`  ${await remindersSettled(config.databaseUrl, kind)}`);
  const perEmail = (ms: number) => (ms / (count - from)).toFixed(2);
  log(
    `  CPU per email: workers ${perEmail(used.processes)} ms, Postgres backends ${perEmail(used.postgres)} ms, SMTP sink ${sinkMs.toFixed(2)} ms`,
  );
  log(
    `  write system calls per email: workers ${perEmail(used.writes.processes)}, Postgres backends ${perEmail(used.writes.postgres)}, SMTP sink ${sinkWrites.toFixed(2)}`,
  );

  sink.reset();
  // The same number of SMTP connections as the two workers have together (SMTP_POOL_SIZE each), from a process of
  // its own as each worker is.
  const poolSize = 2 * config.smtpPoolSize;
  const bare = fork(join(__dirname, 'distribution-bench.bare-sender.js'), [], {
    env: {
      ...nodeRuntimeEnv(process.env),
      BARE_SMTP_URL: smtpUrl,
      BARE_COUNT: String(count),
      BARE_POOL: String(poolSize),
      BARE_FROM: config.mailFrom,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    bare.once('message', resolve);
    bare.once('exit', (code) => reject(new Error(`bare sender exited with ${code}`)));
  });
  const [sinkCpuStart, sinkWritesStart] = [process.cpuUsage(), processWrites(process.pid) ?? 0];
  const bareUsage: Promise<{ cpuMs: number; writes: number }> = new Promise((resolve) =>
    bare.once('message', (message) => resolve(message as { cpuMs: number; writes: number })),
  );
  bare.send({ go: true });
  const raw = await sink.until(count);
  const sinkRawMs = usageMs(process.cpuUsage(sinkCpuStart)) / count;
  const sinkRawWrites = ((processWrites(process.pid) ?? 0) - sinkWritesStart) / count;
  const { cpuMs: bareMs, writes: bareWrites } = await bareUsage;
  const [rawMs, rawWrites] = [bareMs / count, bareWrites / count];
  await new Promise((resolve) => (bare.exitCode !== null ? resolve(null) : bare.once('exit', resolve)));
  log(`  bare nodemailer loop (its own process, pool of ${poolSize}, 40 in flight, pre-rendered): ${raw.toFixed(0)} emails/s`);
  log(`  CPU per email: bare sender ${rawMs.toFixed(2)} ms, SMTP sink ${sinkRawMs.toFixed(2)} ms`);
  log(`  write system calls per email: bare sender ${rawWrites.toFixed(2)}, SMTP sink ${sinkRawWrites.toFixed(2)}`);
  await sink.close();
  return { workers, raw };
}
