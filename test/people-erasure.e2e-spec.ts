import { ApiKeyService } from '@cairn/auth';
import { emailHash } from '@cairn/common';
import { JobRepository, JobName, QueueName, SCHEDULED_JOBS, ON_JOB } from '@cairn/jobs';
import { OutboxRelayService } from '@cairn/outbox';
import { RetentionService } from '@cairn/privacy';
import { findTracesInPostgres, findTracesInRedis } from './utils/trace-scan';
import { RedisService } from '@cairn/redis';
import { ResponseRecorderService } from '@cairn/responses';
import { createPastResponse } from './factories';
import { startTestApi, TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

const EMAIL = 'Erin.Erasable+cx@example.com';
const NAME = 'Erin Erasable';
const PHONE = '+46701234567';
const EXTERNAL = 'crm-erin-7781';

describe('erasure (GDPR art. 17) and retention', () => {
  let ctx: TestContext;
  let tp: { id: string; stageId: string; journeyId: string };
  let surveyId: string;

  beforeAll(async () => {
    ctx = await startTestApi();
    const journey = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Shop', stages: [{ name: 'Delivery' }] })
      .expect(201);
    tp = (
      await ctx
        .api('post', '/api/v1/touchpoints')
        .send({ stageId: journey.body.stages[0].id, name: 'Delivery', key: 'delivery', channel: 'email' })
        .expect(201)
    ).body;
    surveyId = (
      await ctx
        .api('post', '/api/v1/surveys')
        .send({ touchpointId: tp.id, metric: 'nps', trigger: { event: 'order.delivered', delaySeconds: 86_400 }, throttleDays: 0 })
        .expect(201)
    ).body.id;
  });
  afterAll(() => ctx.close());

  const scoreN = async () =>
    (
      await ctx
        .api('get', `/api/v1/scores?touchpointId=${tp.id}&metric=nps&since=${new Date(Date.now() - 86_400_000).toISOString()}`)
        .expect(200)
    ).body.n as number;

  async function answer(personId: string, invitationId: string | null, score: number, comment: string) {
    const response = await ctx.app.get(ResponseRecorderService).answerDirect(
      {
        workspaceId: ctx.workspaceId,
        surveyId,
        personId,
        touchpointId: tp.id,
        stageId: tp.stageId,
        journeyId: tp.journeyId,
        metric: 'nps',
        locale: 'en',
        source: 'email',
        personProperties: { plan: 'pro', email: EMAIL, region: 'nordics' },
      },
      { score, comment },
    );
    if (invitationId) await ctx.prisma.response.update({ where: { id: response.id }, data: { invitationId } });
    return response;
  }

  /** Everything Cairn can hold about one person, through the real paths where they exist. */
  async function seedPerson() {
    const event = await ctx
      .api('post', '/api/v1/events')
      .send({
        type: 'order.delivered',
        person: { email: EMAIL, name: NAME, externalId: EXTERNAL, properties: { plan: 'pro', backup_email: EMAIL } },
        properties: { order: 'A-1', note: `ship to ${NAME}` },
        idempotencyKey: `order-A-1-${EMAIL}`,
      })
      .expect(202);
    const pending = event.body.invitations[0];
    const person = await ctx.prisma.person.update({
      where: { workspaceId_email: { workspaceId: ctx.workspaceId, email: EMAIL.toLowerCase() } },
      data: { phoneNumber: PHONE },
    });
    const sent = await ctx.prisma.invitation.create({
      data: {
        workspaceId: ctx.workspaceId,
        surveyId,
        personId: person.id,
        status: 'sent',
        sentAt: new Date(),
        scheduledFor: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
        lastError: `450 mailbox ${EMAIL} busy`,
        tokens: {
          create: [
            { kind: 'response', tokenHash: 'a'.repeat(64) },
            { kind: 'unsubscribe', tokenHash: 'b'.repeat(64) },
          ],
        },
      },
    });
    const response = await answer(person.id, sent.id, 3, `I am ${NAME}, write to ${EMAIL}`);
    const rule = await ctx.prisma.alertRule.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, isDefault: true } });
    const alert = await ctx.prisma.alert.create({
      data: { workspaceId: ctx.workspaceId, ruleId: rule.id, kind: 'response', responseId: response.id, details: { who: EMAIL, score: 3 } },
    });
    await ctx.prisma.case.create({
      data: {
        workspaceId: ctx.workspaceId,
        alertId: alert.id,
        responseId: response.id,
        personId: person.id,
        touchpointId: tp.id,
        notes: { create: [{ author: 'cx@shop.test', body: `Called ${NAME} on ${PHONE}, mailed ${EMAIL}` }] },
      },
    });
    const endpoint = await ctx.prisma.webhookEndpoint.create({
      data: { workspaceId: ctx.workspaceId, url: 'https://hooks.example.com/x', events: ['response.created'], secret: 'whsec_test' },
    });
    await ctx.prisma.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        outboxEventId: 'evt-1',
        eventType: 'response.created',
        payload: {
          type: 'response.created',
          data: {
            response: { id: response.id, personId: person.id, comment: `from ${EMAIL}`, personProperties: { plan: 'pro', email: EMAIL } },
            person: { id: person.id, email: EMAIL, name: NAME, properties: { plan: 'pro' } },
          },
        },
        attemptLog: { create: [{ number: 1, statusCode: 400, latencyMs: 5, responseBody: `bad person ${EMAIL}` }] },
      },
    });
    // The webhook module stores the exact bytes it sends: JSON text.
    const sentBody = JSON.stringify({
      type: 'response.updated',
      id: 'evt-2',
      data: { person: { id: person.id, email: EMAIL, name: NAME }, touchpoint: { key: 'delivery' } },
    });
    await ctx.prisma.webhookDelivery.create({
      data: { endpointId: endpoint.id, outboxEventId: 'evt-2', eventType: 'response.updated', payload: sentBody },
    });
    // A producer that broke the "ids only" rule must not keep the address either.
    await ctx.prisma.outboxEvent.create({
      data: { workspaceId: ctx.workspaceId, topic: 'case.updated', payload: { note: EMAIL }, processedAt: new Date() },
    });
    await ctx.prisma.suppression.create({
      data: {
        workspaceId: ctx.workspaceId,
        emailHash: emailHash(EMAIL),
        email: EMAIL.toLowerCase(),
        reason: 'bounced',
        detail: `550 ${EMAIL} unknown`,
      },
    });
    return { person, pendingId: pending.id as string, responseId: response.id };
  }

  it('leaves no trace of the person in Postgres or Redis, and their scores still count', async () => {
    const { person, pendingId, responseId } = await seedPerson();
    const relay = ctx.app.get(OutboxRelayService);
    // Stands in for the worker's relay (an API only wakes it): the jobs must be in Redis for the trace check to mean something.
    await relay.relay();
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Email);
    await waitFor(() => queue.getJob(pendingId), 5000, 'queued send job');
    const nBefore = await scoreN();
    expect(nBefore).toBe(1);
    // The scanner finds what is there, so an empty result below means something.
    expect((await findTracesInPostgres(ctx.prisma, EMAIL)).length).toBeGreaterThan(5);

    const manager = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'manager', 'manager');
    await ctx.api('delete', `/api/v1/people/${person.id}`, manager.key).expect(403);
    const res = await ctx.api('delete', `/api/v1/people/${person.id}`).expect(200);
    expect(res.body).toMatchObject({ id: person.id, responsesAnonymised: 1, invitationsCancelled: 1, webhookDeliveriesRedacted: 2 });
    const textBody = await ctx.prisma.webhookDelivery.findFirstOrThrow({ where: { outboxEventId: 'evt-2' } });
    expect(JSON.parse(textBody.payload as string)).toEqual({
      type: 'response.updated',
      id: 'evt-2',
      data: { person: { id: null, email: null, name: null }, touchpoint: { key: 'delivery' } },
    });

    for (const needle of [EMAIL, NAME, PHONE, EXTERNAL, 'Erin.Erasable']) {
      expect(await findTracesInPostgres(ctx.prisma, needle)).toEqual([]);
    }
    const redis = ctx.app.get(RedisService);
    expect((await redis.client.keys(`${ctx.config.redisPrefix}:*`)).length).toBeGreaterThan(0);
    expect(await findTracesInRedis(redis.client, ctx.config.redisPrefix, 'erasable')).toEqual([]);
    expect(await queue.getJob(pendingId)).toBeUndefined();

    expect(await scoreN()).toBe(nBefore);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id: responseId } })).toMatchObject({
      personId: null,
      invitationId: null,
      comment: null,
      score: 3,
      personProperties: { plan: 'pro', region: 'nordics' },
      anonymisedAt: expect.any(Date),
    });
    expect(await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: pendingId } })).toMatchObject({
      status: 'cancelled',
      reason: 'erased',
    });
    expect(await ctx.prisma.invitationToken.count()).toBe(0);
    expect(await ctx.prisma.suppression.findMany({ where: { workspaceId: ctx.workspaceId } })).toEqual([
      expect.objectContaining({ emailHash: emailHash(EMAIL), email: null, reason: 'erased', detail: null }),
    ]);
    expect(await ctx.prisma.person.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({
      email: null,
      emailHash: null,
      name: null,
      properties: {},
      erasedAt: expect.any(Date),
    });
    expect(await ctx.prisma.case.findFirstOrThrow({ where: { responseId } })).toMatchObject({ personId: null });

    await ctx.api('get', `/api/v1/people/${person.id}`).expect(404);
    await ctx.api('delete', `/api/v1/people/${person.id}`).expect(404);
    // Coming back through an event, the address is recognised by its hash and never surveyed again.
    const again = await ctx
      .api('post', '/api/v1/events')
      .send({ type: 'order.delivered', person: { email: EMAIL } })
      .expect(202);
    expect(again.body.invitations).toEqual([expect.objectContaining({ status: 'suppressed', reason: 'erased' })]);
  });

  it('retention: older responses lose comment and person link on the hourly job; newer ones stay', async () => {
    expect(Reflect.getMetadata(ON_JOB, RetentionService.prototype.apply)).toBe(JobName.ApplyRetention);
    expect(SCHEDULED_JOBS[JobName.ApplyRetention]).toBe(3_600_000);
    const person = await ctx.prisma.person.create({
      data: { workspaceId: ctx.workspaceId, email: 'kept@example.com', emailHash: emailHash('kept@example.com') },
    });
    const eightMonthsAgo = new Date(Date.now() - 240 * 86_400_000);
    // History: its id made at its date, as every writer of past answers makes it.
    const old = await createPastResponse(
      { get: (type) => ctx.app.get(type) },
      {
        workspaceId: ctx.workspaceId,
        surveyId,
        personId: person.id,
        touchpoint: tp,
        score: 9,
        comment: 'old words',
        createdAt: eightMonthsAgo,
      },
    );
    const recent = await answer(person.id, null, 10, 'new words');

    expect(await ctx.app.get(RetentionService).apply()).toBe(0);
    await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { retentionMonths: 6 } });
    expect(await ctx.app.get(RetentionService).apply()).toBe(1);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      comment: null,
      personId: null,
      score: 9,
      anonymisedAt: expect.any(Date),
    });
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({
      comment: 'new words',
      personId: person.id,
      anonymisedAt: null,
    });
    expect(await ctx.app.get(RetentionService).apply()).toBe(0);
  });
});
