import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeyService } from '@cairn/auth';
import { addUser, recordResponse, seedPlace } from './closed-loop.fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

describe('webhooks API', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let receiver: WebhookReceiver;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    ctx = await startTestApi({ webhookRetrySchedule: [100, 100, 100], webhookTimeoutMs: 1_000, smtpUrl: smtp.url });
    worker = await startTestWorker(ctx.config);
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await smtp?.close();
    await ctx?.close();
  });

  const deliveriesOf = async (id: string) => (await ctx.api('get', `/api/v1/webhooks/${id}/deliveries`).expect(200)).body.data;

  it('shows the whsec_ secret once, at creation, and never again', async () => {
    const created = await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url('/crud'), events: ['case.opened', 'case.updated'], description: 'CRM' })
      .expect(201);
    expect(created.body).toMatchObject({
      url: receiver.url('/crud'),
      events: ['case.opened', 'case.updated'],
      enabled: true,
      description: 'CRM',
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const one = await ctx.api('get', `/api/v1/webhooks/${created.body.id}`).expect(200);
    const all = await ctx.api('get', '/api/v1/webhooks').expect(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(all.body.data.find((w: { id: string }) => w.id === created.body.id)).not.toHaveProperty('secret');
    expect(JSON.stringify([one.body, all.body])).not.toContain(created.body.secret);
  });

  it('rejects bad input with a clear 400 and changes nothing', async () => {
    const before = await ctx.prisma.webhookEndpoint.count();
    for (const body of [
      { url: receiver.url(), events: [] },
      { url: receiver.url(), events: ['order.created'] },
      { url: receiver.url(), events: ['case.opened', 'case.opened'] },
      { url: receiver.url() },
      { url: 42, events: ['case.opened'] },
      { url: receiver.url(), events: ['case.opened'], secret: 'whsec_mine' },
    ]) {
      const res = await ctx.api('post', '/api/v1/webhooks').send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    expect(await ctx.prisma.webhookEndpoint.count()).toBe(before);
    await ctx.api('get', '/api/v1/webhooks/00000000-0000-7000-8000-000000000000').expect(404);
    await ctx.api('patch', '/api/v1/webhooks/00000000-0000-7000-8000-000000000000').send({ enabled: true }).expect(404);
    await ctx.api('get', '/api/v1/webhooks/00000000-0000-7000-8000-000000000000/deliveries').expect(404);
    expect((await ctx.api('get', '/api/v1/webhooks/nope').expect(400)).body.message).toBe('id must be a UUID');
    expect(
      (await ctx.api('post', `/api/v1/webhooks/00000000-0000-7000-8000-000000000000/deliveries/nope/retry`).expect(400)).body.message,
    ).toBe('deliveryId must be a UUID');
    await ctx.api('get', `/api/v1/webhooks/nope/deliveries?limit=abc`).expect(400);
  });

  it('needs an admin to create or change endpoints; a viewer may read them', async () => {
    const manager = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'mgr', 'manager');
    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'viewer', 'viewer');
    await ctx
      .api('post', '/api/v1/webhooks', manager.key)
      .send({ url: receiver.url(), events: ['case.opened'] })
      .expect(403);
    await ctx.api('get', '/api/v1/webhooks', viewer.key).expect(200);
  });

  it('lists the subscribable events, exactly those POST /webhooks accepts, to any role', async () => {
    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'events-viewer', 'viewer');
    const { body } = await ctx.api('get', '/api/v1/webhooks/events', viewer.key).expect(200);
    expect(body.data).toEqual(expect.arrayContaining(['response.created', 'response.detractor', 'case.opened', 'person.unsubscribed']));
    expect(new Set(body.data).size).toBe(body.data.length);
    const hook = await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url('/all-events'), events: body.data })
      .expect(201);
    expect([...hook.body.events].sort()).toEqual([...body.data].sort());
    await ctx.api('delete', `/api/v1/webhooks/${hook.body.id}`).expect(204);
    await ctx.api('get', '/api/v1/webhooks/events', 'not-a-key').expect(401);
  });

  it('keeps endpoints apart per workspace', async () => {
    const other = await ctx.createWorkspace('other-ws');
    const mine = await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url(), events: ['case.opened'] })
      .expect(201);
    await ctx.api('get', `/api/v1/webhooks/${mine.body.id}`, other.apiKey).expect(404);
    await ctx.api('delete', `/api/v1/webhooks/${mine.body.id}`, other.apiKey).expect(404);
    await ctx.api('delete', `/api/v1/webhooks/${mine.body.id}`).expect(204);
    await ctx.api('get', `/api/v1/webhooks/${mine.body.id}`).expect(404);
  });

  it('retries a delivery by hand with the same webhook-id, and lists every attempt', async () => {
    const place = await seedPlace(ctx);
    const hook = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/manual'), events: ['response.created'] })
        .expect(201)
    ).body;
    await recordResponse(ctx, place, 8);
    const delivery = await waitFor(
      async () => (await deliveriesOf(hook.id)).find((d: { status: string }) => d.status === 'succeeded'),
      15_000,
      'first delivery',
    );
    const retried = await ctx.api('post', `/api/v1/webhooks/${hook.id}/deliveries/${delivery.id}/retry`).expect(202);
    expect(retried.body).toMatchObject({ id: delivery.id, status: 'pending' });
    await waitFor(() => receiver.to('/manual').length === 2, 15_000, 'manual retry');
    const [first, second] = receiver.to('/manual');
    expect(second.id).toBe(first.id);
    expect(second.body).toBe(first.body);
    const after = await waitFor(async () =>
      (await deliveriesOf(hook.id)).find((d: { attempts: number; status: string }) => d.attempts === 2 && d.status === 'succeeded'),
    );
    expect(after.attemptLog.map((a: { number: number }) => a.number)).toEqual([1, 2]);
    await ctx.api('post', `/api/v1/webhooks/${hook.id}/deliveries/00000000-0000-7000-8000-000000000000/retry`).expect(404);
    await ctx.api('patch', `/api/v1/webhooks/${hook.id}`).send({ enabled: false }).expect(200);
  });

  // Issue 20, point 10: an admin setting up a receiver sends a test event and reads the receiver's answer in the log.
  it('sends a webhook.test event on demand, signed and logged like any delivery, with the failure reason kept', async () => {
    const hook = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/test-event'), events: ['case.opened'] })
        .expect(201)
    ).body;
    receiver.reply = (hit, res) =>
      hit.path === '/test-event' && receiver.to('/test-event').length === 1
        ? res.writeHead(422, { 'content-type': 'text/plain' }).end('unknown event type webhook.test')
        : res.writeHead(204).end();
    const manager = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'test-manager', 'manager');
    const sent = await ctx.api('post', `/api/v1/webhooks/${hook.id}/test`, manager.key).expect(202);
    expect(sent.body).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: 0, attemptLog: [] });
    const failed = await waitFor(
      async () =>
        (await deliveriesOf(hook.id)).find((d: { id: string; attemptLog: unknown[] }) => d.id === sent.body.id && d.attemptLog.length),
      15_000,
      'test event attempted',
    );
    expect(failed.attemptLog[0]).toMatchObject({ statusCode: 422, responseBody: 'unknown event type webhook.test' });
    const [hit] = receiver.to('/test-event');
    const body = receiver.verify(hook.secret, hit);
    expect(body).toMatchObject({ type: 'webhook.test', id: sent.body.eventId, data: { webhook: { id: hook.id, url: hook.url } } });
    expect(hit.id).toBe(sent.body.id);

    // Retried on the schedule like any delivery: the receiver's second answer is a 204.
    await waitFor(
      async () =>
        (await deliveriesOf(hook.id)).find((d: { id: string; status: string }) => d.id === sent.body.id && d.status === 'succeeded'),
      15_000,
      'test event delivered',
    );

    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'test-viewer', 'viewer');
    await ctx.api('post', `/api/v1/webhooks/${hook.id}/test`, viewer.key).expect(403);
    await ctx.api('post', '/api/v1/webhooks/00000000-0000-7000-8000-000000000000/test').expect(404);
    await ctx.api('post', '/api/v1/webhooks/not-an-id/test').expect(400);
    const other = await ctx.createWorkspace('test-event-other');
    await ctx.api('post', `/api/v1/webhooks/${hook.id}/test`, other.apiKey).expect(404);
    await ctx.api('patch', `/api/v1/webhooks/${hook.id}`).send({ enabled: false }).expect(200);
    const before = await ctx.prisma.webhookDelivery.count({ where: { endpointId: hook.id } });
    await ctx.api('post', `/api/v1/webhooks/${hook.id}/test`).expect(409);
    expect(await ctx.prisma.webhookDelivery.count({ where: { endpointId: hook.id } })).toBe(before);
    receiver.reply = (_, res) => res.writeHead(204).end();
  });

  it('disables an endpoint failing for workspace.webhookDisableAfterDays, tells the admins, and PATCH enabled:true brings it back', async () => {
    await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { webhookDisableAfterDays: 2 } });
    await addUser(ctx, 'owner@example.com', 'admin');
    await addUser(ctx, 'cx@example.com', 'manager');
    const place = await seedPlace(ctx);
    const hook = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/sick'), events: ['response.created'] })
        .expect(201)
    ).body;
    // The streak began three days ago (earlier failures, not replayed here).
    await ctx.prisma.webhookEndpoint.update({ where: { id: hook.id }, data: { failingSince: new Date(Date.now() - 3 * 86_400_000) } });
    let healthy = false;
    receiver.reply = (hit, res) => res.writeHead(hit.path === '/sick' && !healthy ? 500 : 204).end();
    await recordResponse(ctx, place, 7);
    const mail = await waitFor(() => smtp.to('owner@example.com')[0], 15_000, 'admin email');
    expect(mail.subject).toBe(`Webhook disabled: ${receiver.url('/sick')}`);
    expect(mail.text).toContain('failing since');
    expect(smtp.to('cx@example.com')).toHaveLength(0); // admins only
    const shown = (await ctx.api('get', `/api/v1/webhooks/${hook.id}`).expect(200)).body;
    expect(shown).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('2 days') });
    const [stuck] = await deliveriesOf(hook.id);
    expect(stuck).toMatchObject({ status: 'pending', attempts: 1 });
    expect(receiver.to('/sick')).toHaveLength(1);
    await ctx.api('post', `/api/v1/webhooks/${hook.id}/deliveries/${stuck.id}/retry`).expect(409);

    healthy = true;
    const enabled = (await ctx.api('patch', `/api/v1/webhooks/${hook.id}`).send({ enabled: true }).expect(200)).body;
    expect(enabled).toMatchObject({ enabled: true, failingSince: null, disabledReason: null, disabledAt: null });
    // What waited for the endpoint goes out right away.
    await waitFor(async () => (await deliveriesOf(hook.id))[0].status === 'succeeded', 15_000, 'resumed delivery');
    expect(receiver.uniqueIds('/sick')).toEqual(new Set([stuck.id]));
  });
});
