import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobRepository } from '@cairn/jobs';
import { addUser, recordResponse, seedPlace } from './closed-loop.fixtures';
import { ADMIN_EMAIL, createUser, login } from './dashboard-helpers';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

interface JobView {
  id: string;
  queue: string;
  name: string;
  state: string;
  subject: { type: string; id: string };
  failedReason: string | null;
}

// Issue 22, point 10: the queue board shows (and pauses) every workspace's
// queues, so it is for instance operators; workspace admins see their own jobs.
describe('job queues: the operators’ board and each workspace’s jobs', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let smtp: SmtpSink;
  let acme: { workspaceId: string; apiKey: string };
  const refused = 'cx-refused@example.com';
  let mineCaseId: string;
  let acmeCaseId: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    smtp.unknownRecipients.add(refused);
    ctx = await startTestApi({ smtpUrl: smtp.url });
    worker = await startTestWorker(ctx.config);
    acme = await ctx.createWorkspace('acme');
    // A detractor in each workspace opens a case, and each case emails that workspace's managers.
    await addUser(ctx, refused, 'manager');
    await addUser(ctx, 'acme-cx@example.com', 'manager', { workspaceId: acme.workspaceId });
    const mine = await recordResponse(ctx, await seedPlace(ctx), 1);
    const theirs = await recordResponse(ctx, await seedPlace(ctx, { workspaceId: acme.workspaceId }), 1);
    mineCaseId = (await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: mine.id } }), 15_000, 'case')).id;
    acmeCaseId = (await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: theirs.id } }), 15_000, 'acme case')).id;
    await waitFor(() => smtp.to('acme-cx@example.com').length > 0, 15_000, 'acme case email');
  });
  afterAll(async () => {
    await worker?.close();
    await smtp?.close();
    await ctx?.close();
  });

  const jobs = async (key: string, query = '') => (await ctx.api('get', `/api/v1/jobs${query}`, key).expect(200)).body.data as JobView[];

  it('keeps the board to operators: not a second workspace’s admin, even one using the operator’s email', async () => {
    await ctx.http().get('/admin/queues').expect(401);
    await ctx.http().get('/admin/queues/api/queues').set('Authorization', `Bearer ${acme.apiKey}`).expect(403);
    await ctx.http().get('/admin/queues').set('Authorization', `Bearer ${ctx.apiKey}`).expect(403);
    await ctx
      .api('post', '/api/v1/users', acme.apiKey)
      .send({ email: ADMIN_EMAIL, role: 'admin', password: 'acme admin password', name: 'Acme' })
      .expect(201);
    const impostor = await login(ctx, ADMIN_EMAIL, 'acme admin password');
    expect(impostor.body).toMatchObject({ workspaceId: acme.workspaceId });
    const refusedBoard = await impostor.call('get', '/admin/queues/api/queues').expect(403);
    expect(refusedBoard.body.message).toContain('operators');
    await impostor.call('get', '/admin/queues').expect(403);
    const unlisted = await createUser(ctx, 'admin');
    await (await login(ctx, unlisted.email, unlisted.password)).call('get', '/admin/queues').expect(403);

    const operator = await login(ctx);
    await operator.call('get', '/admin/queues').expect(200);
    const queues = await operator.call('get', '/admin/queues/api/queues').expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual(
      expect.arrayContaining(['email', 'events', 'webhooks', 'maintenance']),
    );
  });

  it('logs what made a board request fail, which bull-board alone answers with a bare 500', async () => {
    const email = ctx.app
      .get(JobRepository)
      .allQueues()
      .find((queue) => queue.name === 'email')!;
    const counts = jest.spyOn(email, 'getJobCounts').mockRejectedValueOnce(new Error('Command timed out'));
    const logged = jest.spyOn(Logger.prototype, 'error');
    try {
      const operator = await login(ctx);
      await operator.call('get', '/admin/queues/api/queues?activeQueue=email').expect(500);
      expect(logged).toHaveBeenCalledWith('GET /admin/queues/api/queues failed: Command timed out');
      await operator.call('get', '/admin/queues/api/queues').expect(200);
    } finally {
      counts.mockRestore();
      logged.mockRestore();
    }
  });

  it('lists each admin only the jobs of their own workspace, with failures scrubbed', async () => {
    const failed = await waitFor(
      async () => (await jobs(ctx.apiKey, '?state=failed')).find((j) => j.subject.id === mineCaseId),
      20_000,
      'failed case email',
    );
    expect(failed).toMatchObject({ queue: 'email', name: 'send-case-email', state: 'failed', subject: { type: 'case', id: mineCaseId } });
    expect(failed.failedReason).toContain('Recipient address rejected');
    expect(failed.failedReason).not.toContain(refused);

    const mine = await jobs(ctx.apiKey, '?limit=200');
    const theirs = await jobs(acme.apiKey, '?limit=200');
    expect(theirs.some((j) => j.subject.type === 'case' && j.subject.id === acmeCaseId)).toBe(true);
    expect(mine.some((j) => j.subject.id === acmeCaseId)).toBe(false);
    expect(theirs.some((j) => j.subject.id === mineCaseId)).toBe(false);
    expect(await jobs(acme.apiKey, '?state=failed')).toEqual([]);
    // Instance-wide jobs (relay, sweeps, retention) belong to nobody, so to no workspace's list.
    expect([...mine, ...theirs].every((j) => j.subject && j.queue !== 'maintenance')).toBe(true);
    expect(JSON.stringify(mine)).not.toContain(refused);
  });

  it('retries a failed job of one’s own workspace only', async () => {
    const failed = (await jobs(ctx.apiKey, '?state=failed')).find((j) => j.subject.id === mineCaseId)!;
    const path = `/api/v1/jobs/${failed.queue}/${encodeURIComponent(failed.id)}/retry`;
    await ctx.api('post', path, acme.apiKey).expect(404);
    const completed = (await jobs(acme.apiKey, '?state=completed')).find((j) => j.subject.id === acmeCaseId)!;
    await ctx.api('post', `/api/v1/jobs/${completed.queue}/${encodeURIComponent(completed.id)}/retry`, acme.apiKey).expect(409);
    await ctx.api('post', `/api/v1/jobs/maintenance/${encodeURIComponent(failed.id)}/retry`).expect(404);

    smtp.unknownRecipients.delete(refused);
    const retried = await ctx.api('post', path).expect(202);
    expect(retried.body).toMatchObject({ id: failed.id, state: 'waiting' });
    await waitFor(() => smtp.to(refused).length > 0, 15_000, 'the retried case email');
  });

  it('refuses bad filters and non-admins', async () => {
    await ctx.api('get', '/api/v1/jobs?state=stuck').expect(400);
    await ctx.api('get', '/api/v1/jobs?limit=0').expect(400);
    await ctx.api('get', '/api/v1/jobs?limit=abc').expect(400);
    const viewer = await createUser(ctx, 'viewer');
    await (await login(ctx, viewer.email, viewer.password)).call('get', '/api/v1/jobs').expect(403);
  });
});
