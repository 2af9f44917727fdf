import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeyService } from '@cairn/auth';
import { addUser, Place, recordResponse, seedPlace } from './closed-loop.fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

describe('closed-loop cases', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let smtp: SmtpSink;
  let receiver: WebhookReceiver;
  let place: Place;
  let secret: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    ctx = await startTestApi({ smtpUrl: smtp.url });
    worker = await startTestWorker(ctx.config);
    await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { caseSlaHours: 24 } });
    // Exactly these dashboard users (the bootstrap admin of the app is not part of this story).
    await ctx.prisma.user.deleteMany({ where: { workspaceId: ctx.workspaceId } });
    await addUser(ctx, 'boss@example.com', 'admin');
    await addUser(ctx, 'cx@example.com', 'manager');
    await addUser(ctx, 'quiet@example.com', 'manager', { notifyOnCase: false });
    await addUser(ctx, 'intern@example.com', 'viewer');
    await addUser(ctx, 'elsewhere@example.com', 'admin', { workspaceId: (await ctx.createWorkspace('other')).workspaceId });
    place = await seedPlace(ctx);
    secret = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/cases'), events: ['case.opened', 'case.updated', 'alert.triggered'] })
        .expect(201)
    ).body.secret;
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await smtp?.close();
    await ctx?.close();
  });

  const hooks = (type: string) =>
    receiver
      .to('/cases')
      .map((hit) => receiver.verify(secret, hit))
      .filter((b) => b.type === type);

  it('opens a case due after the workspace SLA and emails the CX managers who want it', async () => {
    const before = Date.now();
    const response = await recordResponse(ctx, place, 2, { comment: 'Card declined twice' });
    const opened = await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: response.id } }), 15_000, 'case');
    expect(opened.dueAt!.getTime() - before).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(opened.dueAt!.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

    await waitFor(() => smtp.mails.length >= 2 && smtp.mails, 15_000, 'case emails');
    const boss = smtp.to('boss@example.com');
    expect(boss).toHaveLength(1);
    expect(smtp.to('cx@example.com')).toHaveLength(1);
    expect(boss[0].subject).toBe('New detractor case: NPS 2 at Checkout');
    expect(boss[0].text).toContain('Card declined twice');
    expect(boss[0].text).toContain(place.person.email!);
    expect(boss[0].text).toContain(`${ctx.config.publicBaseUrl}/cases/${opened.id}`);
    expect(boss[0].html).toContain('Card declined twice');

    const [event] = await waitFor(() => hooks('case.opened').length > 0 && hooks('case.opened'), 15_000, 'case.opened webhook');
    expect(event.data.case).toMatchObject({ id: opened.id, status: 'open', responseId: response.id });
    expect(event.data.response).toMatchObject({ id: response.id, score: 2 });
    await waitFor(() => hooks('alert.triggered').length === 1, 15_000, 'alert.triggered webhook');
    // Nobody else: opted out, viewer, another workspace.
    expect(smtp.mails.map((m) => m.to).sort()).toEqual(['boss@example.com', 'cx@example.com']);
  });

  it('walks open → in_progress → resolved with assignee and signed notes, each change a case.updated', async () => {
    const response = await recordResponse(ctx, place, 0);
    const opened = await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: response.id } }), 15_000, 'case');
    const listed = await ctx.api('get', '/api/v1/cases?status=open').expect(200);
    expect(listed.body.data.map((c: { id: string }) => c.id)).toContain(opened.id);
    expect(listed.body.data.find((c: { id: string }) => c.id === opened.id)).toMatchObject({
      status: 'open',
      overdue: false,
      response: { score: 0, metric: 'nps' },
      person: { id: place.person.id, email: place.person.email },
    });

    const manager = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'Maria (CX)', 'manager');
    const taken = await ctx
      .api('patch', `/api/v1/cases/${opened.id}`, manager.key)
      .send({ status: 'in_progress', assignee: 'maria@example.com', note: 'Called, left a voicemail' })
      .expect(200);
    expect(taken.body).toMatchObject({ status: 'in_progress', assignee: 'maria@example.com', resolvedAt: null });
    expect(taken.body.notes).toEqual([
      { id: expect.any(String), author: 'Maria (CX)', body: 'Called, left a voicemail', createdAt: expect.any(String) },
    ]);
    const resolved = await ctx
      .api('patch', `/api/v1/cases/${opened.id}`)
      .send({ status: 'resolved', note: 'Refunded the fee' })
      .expect(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', assignee: 'maria@example.com', resolvedAt: expect.any(String) });
    expect(resolved.body.notes.map((n: { author: string; body: string }) => [n.author, n.body])).toEqual([
      ['Maria (CX)', 'Called, left a voicemail'],
      ['bootstrap', 'Refunded the fee'],
    ]);
    expect(Date.parse(resolved.body.notes[1].createdAt)).toBeGreaterThanOrEqual(Date.parse(resolved.body.notes[0].createdAt));
    expect((await ctx.api('get', '/api/v1/cases?status=resolved').expect(200)).body.data.map((c: { id: string }) => c.id)).toContain(
      opened.id,
    );

    const updates = await waitFor(
      () => {
        const mine = hooks('case.updated').filter((b) => b.data.case?.id === opened.id);
        return mine.length === 2 && mine;
      },
      15_000,
      'case.updated webhooks',
    );
    expect(updates.map((u) => [u.data.change.previousStatus, u.data.change.status])).toEqual(
      expect.arrayContaining([
        ['open', 'in_progress'],
        ['in_progress', 'resolved'],
      ]),
    );

    // Reopened when the customer calls back: resolvedAt is cleared.
    const reopened = await ctx.api('patch', `/api/v1/cases/${opened.id}`).send({ status: 'open', assignee: null }).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', assignee: null, resolvedAt: null });
  });

  it('a change that changes nothing records nothing', async () => {
    const response = await recordResponse(ctx, place, 1);
    const opened = await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: response.id } }), 15_000, 'case');
    await ctx.api('patch', `/api/v1/cases/${opened.id}`).send({ status: 'open' }).expect(200);
    expect(await ctx.prisma.outboxEvent.count({ where: { topic: 'case.updated', payload: { path: ['caseId'], equals: opened.id } } })).toBe(
      0,
    );
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const response = await recordResponse(ctx, place, 3);
    const opened = await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: response.id } }), 15_000, 'case');
    for (const body of [{}, { status: 'closed' }, { note: '' }, { assignee: 5 }, { status: 'open', extra: true }]) {
      const res = await ctx.api('patch', `/api/v1/cases/${opened.id}`).send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'v', 'viewer');
    await ctx.api('patch', `/api/v1/cases/${opened.id}`, viewer.key).send({ status: 'resolved' }).expect(403);
    await ctx.api('get', `/api/v1/cases/${opened.id}`, viewer.key).expect(200);
    const other = await ctx.createWorkspace('someone-else');
    await ctx.api('get', `/api/v1/cases/${opened.id}`, other.apiKey).expect(404);
    await ctx.api('patch', `/api/v1/cases/${opened.id}`, other.apiKey).send({ status: 'resolved' }).expect(404);
    await ctx.api('get', '/api/v1/cases?status=nope').expect(400);
    await ctx.api('get', '/api/v1/cases/00000000-0000-7000-8000-000000000000').expect(404);
    expect((await ctx.api('patch', '/api/v1/cases/nope').send({ status: 'resolved' }).expect(400)).body.message).toBe('id must be a UUID');
    expect(await ctx.prisma.case.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ status: 'open' });
    expect(await ctx.prisma.caseNote.count({ where: { caseId: opened.id } })).toBe(0);
  });

  it('pages through cases with a cursor', async () => {
    const first = await ctx.api('get', '/api/v1/cases?limit=2').expect(200);
    expect(first.body.data).toHaveLength(2);
    const second = await ctx.api('get', `/api/v1/cases?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    const ids = [...first.body.data, ...second.body.data].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
