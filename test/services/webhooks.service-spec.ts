import { ConflictException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { PG_POOL } from '@cairn/database';
import type { AuthContext } from '@cairn/auth';
import { CommentAnalysisService } from '@cairn/insights';
import { JobName } from '@cairn/jobs';
import { WebhookDeliveryService, WebhookFanoutService, WebhooksModule, WebhookService } from '@cairn/webhooks';
import { createPerson, createResponse, createTouchpointWithJourney, createWorkspace } from '../factories';
import { JourneyModule } from '@cairn/journey';
import { PeopleModule } from '@cairn/people';
import { ResponseSnapshotRepository } from '@cairn/responses';
import { createServiceTest, ServiceTest } from '../utils/service-test';
import { WebhookReceiver } from '../utils/webhook-receiver';

describe('Webhook services (service tier)', () => {
  let t: ServiceTest;
  let receiver: WebhookReceiver;
  let workspaceId: string;
  let admin: AuthContext;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    // PeopleModule and JourneyModule only for the factories.
    t = await createServiceTest([WebhooksModule, PeopleModule, JourneyModule]);
    workspaceId = (await createWorkspace(t)).id;
    admin = { workspaceId, role: 'admin', actor: 'user:test', actorName: 'test' };
    // The admins told when an endpoint is switched off: one active, one disabled (never told).
    await t.prisma.user.createMany({
      data: [
        { workspaceId, email: 'admin@example.com', passwordHash: 'x', role: 'admin' },
        { workspaceId, email: 'gone@example.com', passwordHash: 'x', role: 'admin', disabledAt: new Date() },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  /**
   * A person.unsubscribed event fanned out to the endpoint: its delivery's id. As in a worker with no free slot, the
   * delivery is queued rather than attempted at once (test/webhooks-first-attempt covers that): each test runs the
   * attempt it is about itself.
   */
  async function fanOutOne(): Promise<string> {
    jest.spyOn(t.get(WebhookDeliveryService), 'startNow').mockImplementationOnce((ids) => ids);
    const person = await createPerson(t, workspaceId);
    const event = {
      id: randomUUID(),
      type: 'person.unsubscribed' as const,
      workspaceId,
      data: { personId: person.id },
      createdAt: new Date(),
    };
    await t.get(WebhookFanoutService).fanOut(event);
    const delivery = await t.prisma.webhookDelivery.findFirstOrThrow({ where: { outboxEventId: event.id } });
    return delivery.id;
  }

  const disabledMailJobs = (endpointId: string) =>
    t.prisma.outboxEvent.findMany({
      where: { topic: 'job', payload: { path: ['job', 'data', 'endpointId'], equals: endpointId } },
    });

  it('switches an endpoint off on a 410 and queues one email per active admin in the same transaction', async () => {
    const endpoint = await t.get(WebhookService).create(workspaceId, { url: receiver.url('/gone'), events: ['person.unsubscribed'] });
    receiver.reply = (hit, res) => res.writeHead(hit.path === '/gone' ? 410 : 204).end();
    const deliveryId = await fanOutOne();

    await t.get(WebhookDeliveryService).deliver({ deliveryId });

    expect(receiver.to('/gone')).toHaveLength(1);
    const row = await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ enabled: false, disabledReason: 'the receiver answered 410 Gone' });
    const jobs = await disabledMailJobs(endpoint.id);
    expect(jobs.map((j) => (j.payload as { job: { name: string } }).job.name)).toEqual([JobName.SendWebhookDisabledEmail]);
    expect(await t.prisma.webhookAttempt.count({ where: { deliveryId } })).toBe(1);
  });

  it('refuses a retry while the endpoint is off, and re-enabling queues what waited through the outbox', async () => {
    const endpoint = await t.get(WebhookService).create(workspaceId, { url: receiver.url('/later'), events: ['person.unsubscribed'] });
    const deliveryId = await fanOutOne();
    const service = t.get(WebhookService);
    await service.update(admin, endpoint.id, { enabled: false });
    await expect(service.retry(workspaceId, endpoint.id, deliveryId)).rejects.toThrow(ConflictException);

    const queuedBefore = await t.prisma.outboxEvent.count({
      where: { topic: 'job', payload: { path: ['job', 'data', 'deliveryId'], equals: deliveryId } },
    });
    await service.update(admin, endpoint.id, { enabled: true });
    const queued = await t.prisma.outboxEvent.count({
      where: { topic: 'job', payload: { path: ['job', 'data', 'deliveryId'], equals: deliveryId } },
    });
    expect(queued).toBe(queuedBefore + 1);

    const retried = await service.retry(workspaceId, endpoint.id, deliveryId);
    expect(retried.id).toBe(deliveryId);
    expect(
      await t.prisma.outboxEvent.count({ where: { topic: 'job', payload: { path: ['job', 'data', 'deliveryId'], equals: deliveryId } } }),
    ).toBe(queued + 1);
  });

  it("fans concurrent events of two workspaces out to each one's own subscribers, asking for them in one statement", async () => {
    const [one, two] = [(await createWorkspace(t)).id, (await createWorkspace(t)).id];
    const service = t.get(WebhookService);
    const create = (ws: string, path: string, events: Array<'person.unsubscribed' | 'response.created'>) =>
      service.create(ws, { url: receiver.url(path), events });
    const oneOn = await create(one, '/one-on', ['person.unsubscribed', 'response.created']);
    const oneOff = await create(one, '/one-off', ['person.unsubscribed']);
    await service.update({ ...admin, workspaceId: one }, oneOff.id, { enabled: false });
    const twoA = await create(two, '/two-a', ['person.unsubscribed']);
    const twoB = await create(two, '/two-b', ['person.unsubscribed']);
    await create(two, '/two-other', ['response.created']);
    const events = await Promise.all(
      [one, two, one, two, one, two].map(async (ws) => ({
        id: randomUUID(),
        type: 'person.unsubscribed' as const,
        workspaceId: ws,
        data: { personId: (await createPerson(t, ws)).id },
        createdAt: new Date(),
      })),
    );
    const pool = t.get<Pool>(PG_POOL as never);
    const query = jest.spyOn(pool, 'query');
    try {
      await Promise.all(events.map((event) => t.get(WebhookFanoutService).fanOut(event)));
      const named = (name: string) => query.mock.calls.filter(([config]) => (config as { name?: string }).name === name);
      expect(named('webhook-endpoints-subscribed')).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
    for (const event of events) {
      const rows = await t.prisma.webhookDelivery.findMany({ where: { outboxEventId: event.id }, select: { endpointId: true } });
      const expected = event.workspaceId === one ? [oneOn.id] : [twoA.id, twoB.id];
      expect(rows.map((r) => r.endpointId).sort()).toEqual(expected.sort());
    }
  });

  it('builds the bodies of concurrent response events from one snapshot statement, each with its own answer', async () => {
    const ws = (await createWorkspace(t)).id;
    await t.get(WebhookService).create(ws, { url: receiver.url('/snapshots'), events: ['response.created'] });
    const { touchpoint } = await createTouchpointWithJourney(t, ws);
    const answers = await Promise.all([3, 8, 10].map((score) => createResponse(t, { workspaceId: ws, touchpoint, score })));
    // An answer gone before its event was fanned out (erased) still gets a body: its id alone.
    const ids = [...answers.map((a) => a.id), `gone-${randomUUID()}`];
    const events = ids.map((responseId) => ({
      id: randomUUID(),
      type: 'response.created' as const,
      workspaceId: ws,
      data: { responseId },
      createdAt: new Date(),
    }));
    const query = jest.spyOn(t.get<Pool>(PG_POOL as never), 'query');
    try {
      await Promise.all(events.map((event) => t.get(WebhookFanoutService).fanOut(event)));
      const snapshots = query.mock.calls.filter(([config]) => (config as { name?: string }).name === 'response-snapshots');
      expect(snapshots).toHaveLength(1);
    } finally {
      query.mockRestore();
    }
    const bodies = await Promise.all(
      events.map(async (event) => {
        const delivery = await t.prisma.webhookDelivery.findFirstOrThrow({ where: { outboxEventId: event.id } });
        return (JSON.parse(delivery.payload as string) as { data: { response: { id: string; score?: number } } }).data;
      }),
    );
    expect(bodies.map((b) => [b.response.id, b.response.score])).toEqual([
      [ids[0], 3],
      [ids[1], 8],
      [ids[2], 10],
      [ids[3], undefined],
    ]);
    expect(bodies[1]).toMatchObject({ touchpoint: { id: touchpoint.id }, response: { touchpointId: touchpoint.id } });
    expect(bodies[3]).toEqual({ response: { id: ids[3] } });
    // Two loads of one answer in one batch: equal snapshots, each its caller's own object.
    const [first, second] = await Promise.all([0, 1].map(() => t.get(ResponseSnapshotRepository).load(ids[0])));
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('analyses a comment not yet analysed before its body is built, reading the snapshot once and then only the analysis', async () => {
    await t.get(WebhookService).create(workspaceId, { url: receiver.url('/answers'), events: ['response.created'] });
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    // No worker runs here: the analysis subscriber has not seen this answer when the body is built.
    const { id: responseId } = await createResponse(t, { workspaceId, touchpoint, score: 2, comment: 'The courier lost my parcel, awful' });
    expect(await t.prisma.commentAnalysis.count({ where: { responseId } })).toBe(0);
    const event = { id: randomUUID(), type: 'response.created' as const, workspaceId, data: { responseId }, createdAt: new Date() };
    const snapshots = t.get(ResponseSnapshotRepository);
    const load = jest.spyOn(snapshots, 'load');
    try {
      await t.get(WebhookFanoutService).fanOut(event);
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      load.mockRestore();
    }
    const delivery = await t.prisma.webhookDelivery.findFirstOrThrow({ where: { outboxEventId: event.id } });
    // The stored bytes of the body, as every attempt sends them.
    const body = JSON.parse(delivery.payload as string) as { data: { response: { analysis: { themes: string[] } } } };
    expect(body.data.response.analysis).toMatchObject({ language: 'en', sentiment: { label: 'negative' } });
    expect(body.data.response.analysis.themes).toContain('delivery');
    // The same answer as a snapshot read now, analysis and all.
    expect(body.data).toEqual(JSON.parse(JSON.stringify(await snapshots.load(responseId))));
  });

  it("a response.updated body carries the analysis of the edited comment, not the first comment's", async () => {
    await t.get(WebhookService).create(workspaceId, { url: receiver.url('/edits'), events: ['response.updated'] });
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    const { id: responseId } = await createResponse(t, { workspaceId, touchpoint, score: 8, comment: 'Great service, thank you' });
    await t.get(CommentAnalysisService).analyseResponses([responseId]);
    const first = await t.prisma.commentAnalysis.findUniqueOrThrow({ where: { responseId } });
    expect(first.sentimentLabel).toBe('positive');
    // The edit, after that analysis; its own (response.updated's subscriber) has not run when the body is built.
    await t.prisma.response.update({
      where: { id: responseId },
      data: { score: 2, comment: 'Actually the parcel came broken, terrible', updatedAt: new Date(first.analysedAt.getTime() + 1) },
    });
    const event = { id: randomUUID(), type: 'response.updated' as const, workspaceId, data: { responseId }, createdAt: new Date() };
    await t.get(WebhookFanoutService).fanOut(event);
    const delivery = await t.prisma.webhookDelivery.findFirstOrThrow({ where: { outboxEventId: event.id } });
    const body = JSON.parse(delivery.payload as string) as { data: { response: { comment: string; analysis: unknown } } };
    expect(body.data.response).toMatchObject({
      comment: 'Actually the parcel came broken, terrible',
      analysis: { sentiment: { label: 'negative' } },
    });
  });

  it('fails only the event whose deliveries cannot be written; the rest of its batch is retried alone and delivered', async () => {
    const ws = (await createWorkspace(t)).id;
    const endpoint = await t.get(WebhookService).create(ws, { url: receiver.url('/batch'), events: ['person.unsubscribed'] });
    const events = await Promise.all(
      [1, 2, 3].map(async () => ({
        id: randomUUID(),
        type: 'person.unsubscribed' as const,
        workspaceId: ws,
        data: { personId: (await createPerson(t, ws)).id },
        createdAt: new Date(),
      })),
    );
    const bad = events[1].id;
    const pool = t.get<Pool>(PG_POOL as never);
    const realQuery = pool.query.bind(pool) as (config: unknown) => Promise<unknown>;
    // Any statement writing the bad event's deliveries fails, as a broken row would.
    const query = jest
      .spyOn(pool, 'query')
      .mockImplementation(((config: { name?: string; values?: unknown[] }) =>
        config?.name?.startsWith('webhook-deliveries-create') && (config.values?.[2] as string[]).includes(bad)
          ? Promise.reject(new Error('broken row'))
          : realQuery(config)) as never);
    let results: PromiseSettledResult<void>[];
    try {
      results = await Promise.allSettled(events.map((event) => t.get(WebhookFanoutService).fanOut(event)));
    } finally {
      query.mockRestore();
    }
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    for (const event of events) {
      const rows = await t.prisma.webhookDelivery.findMany({ where: { outboxEventId: event.id } });
      expect(rows.map((r) => r.endpointId)).toEqual(event.id === bad ? [] : [endpoint.id]);
    }
  });
});
