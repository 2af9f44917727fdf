import { Client } from 'pg';
import { createInvitations, createSurvey, expectExactlyOnce } from './utils/distribution-fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { ADMIN_URL } from './utils/test-database';
import { waitFor } from './utils/test-worker';
import { spawnWorker, WorkerProcess } from './utils/worker-process';

const COUNT = 300;
/** Accepted-mail counts at which every backend of the test's database is terminated. */
const CUTS = [40, 120, 200];

/** pg_terminate_backend for every session on the database: what an admin or a failover does to Cairn. */
async function terminateBackends(databaseUrl: string): Promise<number> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1',
      [database],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe('backends terminated while the worker is sending', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  let worker: WorkerProcess;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    ctx = await startTestApi({ smtpUrl: sink.url });
  });
  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await ctx?.close();
    await sink?.close();
  });

  it('the worker process keeps sending, and every invitation gets exactly one email', async () => {
    await createSurvey(ctx, { event: 'bulk.delivered', throttleDays: 0 });
    const ids = await createInvitations(ctx, 'bulk.delivered', COUNT);
    worker = await spawnWorker(ctx.config);
    const terminated: Array<Promise<number>> = [];
    // From inside the SMTP server: the worker holds hand-over transactions open right now.
    sink.onAccepted = () => {
      if (CUTS.includes(sink.mails.length)) terminated.push(terminateBackends(ctx.config.databaseUrl));
    };
    await waitFor(
      async () => (await ctx.prisma.invitation.count({ where: { id: { in: ids }, status: 'sent' } })) === COUNT,
      150_000,
      'every invitation to be sent',
    );
    sink.onAccepted = null;
    const cut = await Promise.all(terminated);
    expect(cut).toHaveLength(CUTS.length);
    expect(Math.min(...cut)).toBeGreaterThan(0);
    expect(worker.child.exitCode).toBeNull();
    expect(worker.child.signalCode).toBeNull();
    expectExactlyOnce(sink, ids);
    process.stdout.write(`terminated ${cut.join(' + ')} backends; ${sink.mails.length} mails\n`);
  }, 240_000);
});
