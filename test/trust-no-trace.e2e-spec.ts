import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RetentionService } from '@cairn/privacy';
import { findRowsLinking, findTracesInPostgres, findTracesInRedis, Trace } from './utils/trace-scan';
import { RedisService } from '@cairn/redis';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// Issue 22, point 5: after an erasure, and after retention, nothing of the
// person's answer is left anywhere: every column of every table, every Redis
// key under the test's prefix. Everything is created through the product: the
// API, the real worker, survey emails over SMTP, answers through the emailed
// link, webhooks to a real receiver that echoes what it got.
const EVENTS = [
  'response.created',
  'response.updated',
  'response.detractor',
  'alert.triggered',
  'case.opened',
  'case.updated',
  'person.unsubscribed',
];

describe('erasure and retention leave no trace', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  const sentTo = new Set<string>();

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    // A receiver that fails the first try of each delivery and echoes the body it got, as some do.
    const seen = new Set<string>();
    receiver.reply = (hit, res) => {
      // This one asks to be called again in an hour: its delivery is still pending at erasure time.
      if (hit.path === '/later' && !seen.has(hit.id)) return void (seen.add(hit.id), res.writeHead(429, { 'retry-after': '3600' }).end());
      const first = !seen.has(hit.id);
      seen.add(hit.id);
      res.writeHead(first ? 500 : 200, { 'content-type': 'application/json' }).end(`{"received":${hit.body}}`);
    };
    ctx = await startTestApi({ smtpUrl: sink.url, webhookRetrySchedule: [100, 100, 100], webhookTimeoutMs: 2_000 });
    worker = await startTestWorker(ctx.config);
    const journey = (
      await ctx
        .api('post', '/api/v1/journeys')
        .send({ name: 'Shop', stages: [{ name: 'Delivery' }] })
        .expect(201)
    ).body;
    const tp = (
      await ctx
        .api('post', '/api/v1/touchpoints')
        .send({ stageId: journey.stages[0].id, name: 'Door', key: 'door', channel: 'delivery' })
        .expect(201)
    ).body;
    await ctx
      .api('post', '/api/v1/surveys')
      .send({ touchpointId: tp.id, metric: 'nps', trigger: { event: 'order.delivered', delaySeconds: 0 }, throttleDays: 0 })
      .expect(201);
    for (const hook of [
      { url: receiver.url('/std'), events: EVENTS },
      { url: receiver.url('/delighted'), events: ['response.created', 'person.unsubscribed'], format: 'delighted' },
    ]) {
      sentTo.add((await ctx.api('post', '/api/v1/webhooks').send(hook).expect(201)).body.id);
    }
  });

  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await receiver?.close();
    await sink?.close();
  });

  const tables = (traces: Trace[]) => [...new Set(traces.map((t) => t.where))].sort();
  const redisTraces = (needle: string) => findTracesInRedis(ctx.app.get(RedisService).client, ctx.config.redisPrefix, needle);

  /** A customer's whole story: event, survey email (first try refused 451), answer through the link, detractor case with a note quoting them. */
  async function customerStory(
    who: { email: string; name: string; externalId: string; comment: string },
    extra: { unsubscribe: boolean; eventNote: boolean },
  ) {
    sink.failNext(451, `4.2.2 <${who.email}>: mailbox busy`);
    const event = await ctx
      .api('post', '/api/v1/events')
      .send({
        type: 'order.delivered',
        person: { email: who.email, name: who.name, externalId: who.externalId, properties: { plan: 'pro', backup_email: who.email } },
        properties: extra.eventNote ? { order: 'A-1', note: `ship to ${who.name}` } : { order: 'A-2' },
        ...(extra.eventNote ? { idempotencyKey: `order-A-1-${who.email}` } : {}),
      })
      .expect(202);
    const invitationId = event.body.invitations[0].id as string;
    const mail = await waitFor(() => sink.mails.find((m) => m.to === who.email.toLowerCase()), 30_000, 'the survey email');
    const token = /\/r\/([A-Za-z0-9_-]{20,})\?score=/.exec(mail.text)![1];
    const answer = await ctx
      .http()
      .post(`/r/${token}`)
      .set('Accept', 'application/json')
      .send({ score: 2, comment: who.comment })
      .expect(201);
    const responseId = answer.body.id as string;
    const opened = await waitFor(() => ctx.prisma.case.findFirst({ where: { responseId } }), 30_000, 'the detractor case');
    await ctx
      .api('patch', `/api/v1/cases/${opened.id}`)
      .send({ status: 'in_progress', note: `Called ${who.name} (${who.email}): "${who.comment}"` })
      .expect(200);
    if (extra.unsubscribe)
      await ctx
        .http()
        .post(`/u/${/\/u\/([A-Za-z0-9_-]{20,})/.exec(mail.rawHeaders['list-unsubscribe'])![1]}`)
        .expect(200);
    const person = await ctx.prisma.person.findFirstOrThrow({ where: { email: who.email.toLowerCase() } });
    // Every webhook about this answer has been sent and answered (first 500, then 200).
    await waitFor(
      async () => {
        const deliveries = await ctx.prisma.webhookDelivery.findMany({ where: { responseId, endpointId: { in: [...sentTo] } } });
        return (
          deliveries.length >= 5 &&
          deliveries.every((d) => d.status === 'succeeded') &&
          (!extra.unsubscribe || receiver.hits.some((h) => h.body.includes('unsubscribe')))
        );
      },
      30_000,
      'the webhook deliveries',
    );
    return { personId: person.id, responseId, invitationId };
  }

  it('erasure: the person, what they wrote and every copy of it are gone; the score still counts', async () => {
    const who = {
      email: 'Erin.Erasable+cx@Example.com',
      name: 'Erin Erasable',
      externalId: 'crm-erin-7781',
      comment: 'The courier Zebulon threw my parcel',
    };
    const later = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/later'), events: ['response.created'] })
        .expect(201)
    ).body;
    const story = await customerStory(who, { unsubscribe: true, eventNote: true });
    const pending = await waitFor(
      () => ctx.prisma.webhookDelivery.findFirst({ where: { endpointId: later.id, attempts: 1, status: 'pending' } }),
      15_000,
      'the postponed delivery',
    );
    const needles = [who.email, who.name, who.externalId, 'Zebulon'];
    // The scan finds what is there, so the empty results below mean something.
    expect(tables(await findTracesInPostgres(ctx.prisma, who.email))).toEqual(
      expect.arrayContaining([
        'events.idempotency_key',
        'people.email',
        'responses.person_properties',
        'suppressions.email',
        'webhook_attempts.response_body',
        'webhook_deliveries.payload',
        'case_notes.body',
      ]),
    );
    expect(tables(await findTracesInPostgres(ctx.prisma, 'Zebulon'))).toEqual([
      'case_notes.body',
      'responses.comment',
      'webhook_attempts.response_body',
      'webhook_deliveries.payload',
    ]);
    expect(tables(await findTracesInPostgres(ctx.prisma, who.name))).toContain('events.properties');

    const erased = await ctx.api('delete', `/api/v1/people/${story.personId}`).expect(200);
    expect(erased.body).toMatchObject({ responsesAnonymised: 1, webhookDeliveriesRedacted: expect.any(Number) });

    for (const needle of needles) {
      expect({ needle, postgres: await findTracesInPostgres(ctx.prisma, needle) }).toEqual({ needle, postgres: [] });
      expect({ needle, redis: await redisTraces(needle) }).toEqual({ needle, redis: [] });
    }
    // The id, which names no one now, survives on the tombstone, the invitations that point at it and the ids-only outbox row of the unsubscribe.
    expect(tables(await findTracesInPostgres(ctx.prisma, story.personId))).toEqual([
      'invitations.person_id',
      'outbox_events.payload',
      'people.id',
    ]);
    expect(await findRowsLinking(ctx.prisma, story.responseId, story.personId)).toEqual([]);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id: story.responseId } })).toMatchObject({
      score: 2,
      comment: null,
      personId: null,
    });

    // The delivery that was still pending goes out now, with the score but without the person or what they wrote.
    await ctx
      .api('post', `/api/v1/webhooks/${later.id}/deliveries/${pending.id}/retry`)
      .expect((res) => expect(res.status).toBeLessThan(300));
    const resent = await waitFor(() => receiver.to('/later').filter((h) => h.id === pending.id)[1], 15_000, 'the retried delivery');
    const body = receiver.verify(later.secret, resent);
    expect(body.data.response).toMatchObject({ id: story.responseId, score: 2, comment: null });
    expect(body.data.person).toEqual({ id: null, email: null, name: null, properties: {} });
    for (const needle of needles) expect(resent.body.toLowerCase()).not.toContain(needle.toLowerCase());
    await ctx.api('patch', `/api/v1/webhooks/${later.id}`).send({ enabled: false }).expect(200);
  });

  it('retention: answers past the period lose the comment and the person everywhere; the person and newer data stay', async () => {
    const who = {
      email: 'Rita.Retained@example.com',
      name: 'Rita Retained',
      externalId: 'crm-rita-1',
      comment: 'Quokka-grade packaging, never again',
    };
    const story = await customerStory(who, { unsubscribe: false, eventNote: false });
    expect(tables(await findTracesInPostgres(ctx.prisma, 'Quokka'))).toEqual([
      'case_notes.body',
      'responses.comment',
      'webhook_attempts.response_body',
      'webhook_deliveries.payload',
    ]);
    expect(tables(await findTracesInPostgres(ctx.prisma, who.email))).toEqual(
      expect.arrayContaining(['case_notes.body', 'people.email', 'webhook_deliveries.payload']),
    );

    // Nothing in the product ages an answer or sets the period: both are written directly.
    await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { retentionMonths: 6 } });
    await ctx.prisma.response.update({ where: { id: story.responseId }, data: { createdAt: new Date(Date.now() - 240 * 86_400_000) } });
    expect(await ctx.app.get(RetentionService).apply()).toBe(1);

    expect(await findTracesInPostgres(ctx.prisma, 'Quokka')).toEqual([]);
    expect(await redisTraces('Quokka')).toEqual([]);
    // The person stays a person; only their own row still names them.
    for (const needle of [who.email, who.name, who.externalId]) {
      expect({ needle, tables: tables(await findTracesInPostgres(ctx.prisma, needle)).filter((t) => !t.startsWith('people.')) }).toEqual({
        needle,
        tables: [],
      });
      expect(await redisTraces(needle)).toEqual([]);
    }
    for (const link of [story.personId, who.email, who.name]) expect(await findRowsLinking(ctx.prisma, story.responseId, link)).toEqual([]);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id: story.responseId } })).toMatchObject({
      score: 2,
      comment: null,
      personId: null,
      personProperties: { plan: 'pro' },
    });
    expect(await ctx.prisma.case.findFirstOrThrow({ where: { responseId: story.responseId } })).toMatchObject({ personId: null });
    expect(await ctx.app.get(RetentionService).apply()).toBe(0);
  });
});
