import { AdaptiveBatcher, emailHash } from '@cairn/common';
import { EventIntakeRepository } from '@cairn/distribution';
import { JobRepository, QueueName } from '@cairn/jobs';
import { OutboxRelayService } from '@cairn/outbox';
import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

describe('distribution: POST /api/v1/events', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx?.close());

  const counts = async () => ({
    events: await ctx.prisma.event.count(),
    people: await ctx.prisma.person.count(),
    invitations: await ctx.prisma.invitation.count(),
    outbox: await ctx.prisma.outboxEvent.count(),
  });

  it('rejects bad input with a clear 400 and changes nothing', async () => {
    const before = await counts();
    const person = { email: uniqueEmail() };
    const bad: Array<Record<string, unknown>> = [
      {},
      { type: 'order.delivered' },
      { type: 'order.delivered', person: { email: 'not-an-email' } },
      { type: 'has spaces', person },
      { type: 'order.delivered', person, colour: 'red' },
      { type: 'order.delivered', person: { ...person, shoeSize: 42 } },
      { type: 'order.delivered', person: { ...person, locale: 'swedish' } },
      { type: 'order.delivered', person: { ...person, properties: { nested: { no: 1 } } } },
      { type: 'order.delivered', person, occurredAt: 'yesterday' },
      { type: 'order.delivered', person, occurredAt: '2999-01-01T00:00:00Z' },
      { type: 'order.delivered', person, properties: 'text' },
      { type: 'order.delivered', person, idempotencyKey: 'k'.repeat(256) },
    ];
    for (const body of bad) {
      const res = await ctx.api('post', '/api/v1/events').send(body);
      expect([res.status, body]).toEqual([400, body]);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.anything() });
    }
    await ctx.api('post', '/api/v1/events').set('Content-Type', 'application/json').send('{"type":').expect(400);
    await ctx.http().post('/api/v1/events').send({ type: 'x', person }).expect(401);
    expect(await counts()).toEqual(before);
  });

  it('creates one invitation per active matching survey, at occurredAt + delay, queued through the outbox', async () => {
    const a = await createSurvey(ctx, { event: 'trip.ended', delaySeconds: 3600 });
    const b = await createSurvey(ctx, { event: 'trip.ended', delaySeconds: 7200, throttleDays: 0 });
    const inactive = await createSurvey(ctx, { event: 'trip.ended' });
    await ctx.api('patch', `/api/v1/surveys/${inactive.id}`).send({ active: false }).expect(200);
    await createSurvey(ctx, { event: 'trip.started' });
    const occurredAt = new Date(Date.now() + 60_000);
    const body = await sendEvent(ctx, { type: 'trip.ended', person: { email: uniqueEmail() }, occurredAt: occurredAt.toISOString() });

    expect(body.invitations.map((i) => [i.surveyId, i.status, i.scheduledFor])).toEqual([
      [a.id, 'scheduled', new Date(occurredAt.getTime() + 3600_000).toISOString()],
      [b.id, 'scheduled', new Date(occurredAt.getTime() + 7200_000).toISOString()],
    ]);
    const event = await ctx.prisma.event.findUniqueOrThrow({ where: { id: body.eventId } });
    expect(event).toMatchObject({ type: 'trip.ended', occurredAt });
    await ctx.app.get(OutboxRelayService).idle();
    await ctx.app.get(OutboxRelayService).relay();
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Email);
    for (const invitation of body.invitations) {
      const job = await queue.getJob(invitation.id);
      expect(job?.data).toEqual({ invitationId: invitation.id });
      expect(await job?.getState()).toBe('delayed');
      expect(job!.opts.delay).toBeGreaterThan(3_500_000);
    }
  });

  it('upserts the person by address and merges properties', async () => {
    await createSurvey(ctx, { event: 'profile.seen', throttleDays: 0 });
    const email = uniqueEmail('Merge');
    await sendEvent(ctx, { type: 'profile.seen', person: { email, name: 'Ada', properties: { plan: 'pro', region: 'eu' } } });
    await sendEvent(ctx, {
      type: 'profile.seen',
      person: { email: `  ${email.toUpperCase()} `.trim(), locale: 'da', externalId: 'crm-1', properties: { plan: 'max', region: null } },
    });
    const people = await ctx.prisma.person.findMany({ where: { emailHash: emailHash(email) } });
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({
      email: email.toLowerCase(),
      name: 'Ada',
      locale: 'da',
      externalId: 'crm-1',
      properties: { plan: 'max' },
    });
    expect(await ctx.prisma.invitation.count({ where: { personId: people[0].id } })).toBe(2);

    const taken = await ctx
      .api('post', '/api/v1/events')
      .send({ type: 'profile.seen', person: { email: uniqueEmail(), externalId: 'crm-1' } });
    expect(taken.status).toBe(409);
  });

  it('answers a repeated idempotency key with the first answer and creates nothing new', async () => {
    await createSurvey(ctx, { event: 'order.paid' });
    const body = { type: 'order.paid', person: { email: uniqueEmail() }, idempotencyKey: 'order-77-paid' };
    const first = await sendEvent(ctx, body);
    const before = await counts();
    const again = await Promise.all([1, 2, 3, 4].map(() => sendEvent(ctx, body)));
    for (const answer of again) expect(answer).toEqual(first);
    expect(await counts()).toEqual(before);

    // Concurrent first requests with a fresh key: one event, the same answer for all.
    const racing = { ...body, idempotencyKey: 'order-78-paid', person: { email: uniqueEmail() } };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => sendEvent(ctx, racing)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await ctx.prisma.event.count({ where: { idempotencyKey: 'order-78-paid' } })).toBe(1);

    const misuse = await ctx.api('post', '/api/v1/events').send({ ...body, type: 'order.refunded' });
    expect(misuse.status).toBe(409);
  });

  it('throttles a second survey within throttleDays and keeps it, with its reason', async () => {
    await createSurvey(ctx, { event: 'visit.store', throttleDays: 30 });
    await createSurvey(ctx, { event: 'visit.web', throttleDays: 30 });
    const email = uniqueEmail();
    const first = await sendEvent(ctx, { type: 'visit.store', person: { email } });
    const second = await sendEvent(ctx, { type: 'visit.web', person: { email } });
    const later = await sendEvent(ctx, {
      type: 'visit.web',
      person: { email },
      occurredAt: new Date(Date.now() + 31 * 86_400_000).toISOString(),
    });
    expect(first.invitations[0].status).toBe('scheduled');
    expect(second.invitations[0]).toMatchObject({ status: 'throttled', reason: 'recently_surveyed' });
    expect(later.invitations[0].status).toBe('scheduled');
    const got = await ctx.api('get', `/api/v1/invitations/${second.invitations[0].id}`).expect(200);
    expect(got.body).toMatchObject({ status: 'throttled', reason: 'recently_surveyed', attempts: 0, sentAt: null });
    expect(await ctx.prisma.outboxEvent.count({ where: { payload: { path: ['jobId'], equals: second.invitations[0].id } } })).toBe(0);
  });

  it('is concurrency-safe: parallel events for one person schedule one survey', async () => {
    await createSurvey(ctx, { event: 'burst.event', throttleDays: 30 });
    const email = uniqueEmail('burst');
    const answers = await Promise.all(Array.from({ length: 12 }, () => sendEvent(ctx, { type: 'burst.event', person: { email } })));
    const statuses = answers.map((answer) => answer.invitations[0].status).sort();
    expect(statuses.filter((status) => status === 'scheduled')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'throttled')).toHaveLength(11);
  });

  it('events that arrive while the database is busy are written as one transaction, each decided as if alone', async () => {
    await createSurvey(ctx, { event: 'batch.event', throttleDays: 30 });
    const repeated = uniqueEmail('batch-repeat');
    const keyed = uniqueEmail('batch-key');
    const bodies = [
      ...Array.from({ length: 20 }, () => ({ type: 'batch.event', person: { email: uniqueEmail('batch') } })),
      ...Array.from({ length: 6 }, () => ({ type: 'batch.event', person: { email: repeated } })),
      ...Array.from({ length: 3 }, () => ({
        type: 'batch.event',
        person: { email: keyed },
        idempotencyKey: 'batch-key-1',
      })),
    ];
    const batches = jest.spyOn(ctx.app.get(EventIntakeRepository, { strict: false }), 'recordMany');
    const submitted = jest.spyOn(AdaptiveBatcher.prototype, 'submit');
    let answers!: Promise<Array<{ status: number; body: { eventId: string; invitations: Array<{ status: string }> } }>>;
    try {
      // The first events hold the statement slots, waiting on the lock; the rest must queue and leave together.
      await ctx.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`LOCK TABLE events IN EXCLUSIVE MODE`;
          answers = Promise.all(
            bodies.map((body) =>
              ctx
                .api('post', '/api/v1/events')
                .send(body)
                .then((r) => r),
            ),
          );
          await waitFor(() => submitted.mock.calls.length >= bodies.length, 15_000, 'every event queued');
        },
        { timeout: 20_000 },
      );
      const results = await answers;
      expect(results.map((r) => r.status)).toEqual(bodies.map(() => 202));
      expect(Math.max(...batches.mock.calls.map(([reqs]) => reqs.length))).toBeGreaterThan(1);
      expect(results.slice(0, 20).map((r) => r.body.invitations[0].status)).toEqual(Array(20).fill('scheduled'));
      const repeatedStatuses = results.slice(20, 26).map((r) => r.body.invitations[0].status);
      expect(repeatedStatuses.filter((status) => status === 'scheduled')).toHaveLength(1);
      expect(repeatedStatuses.filter((status) => status === 'throttled')).toHaveLength(5);
      const replayed = results.slice(26).map((r) => r.body);
      for (const body of replayed) expect(body).toEqual(replayed[0]);
      expect(await ctx.prisma.event.count({ where: { idempotencyKey: 'batch-key-1' } })).toBe(1);
      const stored = await ctx.prisma.event.count({ where: { id: { in: results.map((r) => r.body.eventId) } } });
      expect(stored).toBe(27);
    } finally {
      submitted.mockRestore();
      batches.mockRestore();
    }
  });

  it('suppresses bounced, unsubscribed and erased addresses, with the reason', async () => {
    await createSurvey(ctx, { event: 'support.closed', throttleDays: 0 });
    const bounced = uniqueEmail('bounced');
    await ctx.prisma.suppression.create({
      data: { workspaceId: ctx.workspaceId, emailHash: emailHash(bounced), email: bounced, reason: 'bounced' },
    });
    const erased = uniqueEmail('erased');
    await ctx.prisma.suppression.create({ data: { workspaceId: ctx.workspaceId, emailHash: emailHash(erased), reason: 'erased' } });
    const unsubscribed = uniqueEmail('unsub');
    await sendEvent(ctx, { type: 'support.closed', person: { email: unsubscribed } });
    await ctx.prisma.person.updateMany({ where: { email: unsubscribed }, data: { unsubscribedAt: new Date() } });

    for (const [email, reason] of [
      [bounced, 'bounced'],
      [erased, 'erased'],
      [unsubscribed, 'unsubscribed'],
    ]) {
      const body = await sendEvent(ctx, { type: 'support.closed', person: { email } });
      expect(body.invitations).toEqual([expect.objectContaining({ status: 'suppressed', reason })]);
      const row = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: body.invitations[0].id } });
      expect(row).toMatchObject({ status: 'suppressed', reason });
    }
  });

  it('keeps workspaces apart', async () => {
    const other = await ctx.createWorkspace('distribution-other');
    await createSurvey(ctx, { event: 'only.here' });
    const foreign = await sendEvent(ctx, { type: 'only.here', person: { email: uniqueEmail() } }, other.apiKey);
    expect(foreign.invitations).toEqual([]);
    const mine = await sendEvent(ctx, { type: 'only.here', person: { email: uniqueEmail() } });
    await ctx.api('get', `/api/v1/invitations/${mine.invitations[0].id}`, other.apiKey).expect(404);
    await ctx.api('get', '/api/v1/invitations/00000000-0000-7000-8000-000000000000').expect(404);
    expect((await ctx.api('get', '/api/v1/invitations/not-an-id').expect(400)).body.message).toBe('id must be a UUID');
  });
});
