import { ERASED } from '@cairn/privacy';
import { findTracesInPostgres } from './utils/trace-scan';
import { startTestApi, TestContext } from './utils/test-app';

const EMAIL = 'Rex.Repeat+cx@Example.com';
const NAME = 'Rex Repeat';
const PHONE = '+46709876543';
const EXTERNAL = 'CRM-Rex-4410';

// Every identifier twice or more, in the cases people actually type.
const spoken = [
  NAME,
  NAME.toUpperCase(),
  NAME.toLowerCase(),
  EMAIL,
  EMAIL.toLowerCase(),
  EMAIL.toUpperCase(),
  PHONE,
  PHONE,
  EXTERNAL.toLowerCase(),
  EXTERNAL.toUpperCase(),
];
const text = (label: string) => spoken.map((s, i) => `${label}${i}: ${s}`).join('; ');
const redacted = (label: string) => spoken.map((_, i) => `${label}${i}: ${ERASED}`).join('; ');

/**
 * DELETE /people/:id on a person whose identifiers recur, in mixed case, in
 * every column that erasure rewrites rather than clears: case notes, what
 * webhook receivers answered, stored payloads, alert details, outbox rows.
 */
describe('erasure with repeated, mixed-case identifiers', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  async function seed() {
    const journey = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Shop', stages: [{ name: 'Pay' }] })
      .expect(201);
    const tp = (
      await ctx
        .api('post', '/api/v1/touchpoints')
        .send({ stageId: journey.body.stages[0].id, name: 'Pay', key: 'pay', channel: 'web' })
        .expect(201)
    ).body;
    const survey = (
      await ctx
        .api('post', '/api/v1/surveys')
        .send({ touchpointId: tp.id, metric: 'nps', trigger: { event: 'paid', delaySeconds: 60 } })
        .expect(201)
    ).body;
    await ctx
      .api('post', '/api/v1/events')
      .send({ type: 'paid', person: { email: EMAIL, name: NAME, externalId: EXTERNAL } })
      .expect(202);
    const person = await ctx.prisma.person.update({
      where: { workspaceId_email: { workspaceId: ctx.workspaceId, email: EMAIL.toLowerCase() } },
      data: { phoneNumber: PHONE },
    });
    const response = await ctx.prisma.response.create({
      data: {
        workspaceId: ctx.workspaceId,
        surveyId: survey.id,
        personId: person.id,
        touchpointId: tp.id,
        stageId: tp.stageId,
        journeyId: tp.journeyId,
        metric: 'nps',
        scaleMin: 0,
        scaleMax: 10,
        score: 2,
        comment: text('c'),
        source: 'email',
      },
    });
    const rule = await ctx.prisma.alertRule.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, isDefault: true } });
    const alert = await ctx.prisma.alert.create({
      data: {
        workspaceId: ctx.workspaceId,
        ruleId: rule.id,
        kind: 'response',
        responseId: response.id,
        details: { score: 2, who: text('w'), seen: [text('s'), 'kept'] },
      },
    });
    const kase = await ctx.prisma.case.create({
      data: {
        workspaceId: ctx.workspaceId,
        alertId: alert.id,
        responseId: response.id,
        personId: person.id,
        touchpointId: tp.id,
        notes: {
          create: [
            { author: 'cx@shop.test', body: text('n') },
            { author: 'cx@shop.test', body: `${text('m')}\n${text('m')}` },
          ],
        },
      },
    });
    const endpoint = await ctx.prisma.webhookEndpoint.create({
      data: { workspaceId: ctx.workspaceId, url: 'https://hooks.example.com/x', events: ['response.created'], secret: 'whsec_test' },
    });
    const delivery = await ctx.prisma.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        outboxEventId: 'evt-r',
        eventType: 'response.created',
        payload: `not json: ${text('p')}`,
        attemptLog: { create: [{ number: 1, statusCode: 422, latencyMs: 3, responseBody: text('b'), error: text('e') }] },
      },
    });
    await ctx.prisma.outboxEvent.create({
      data: { workspaceId: ctx.workspaceId, topic: 'case.updated', payload: { note: text('o') }, processedAt: new Date() },
    });
    return { person, alert, kase, delivery };
  }

  it('rewrites every occurrence in every column, keeping the words around them', async () => {
    const { person, alert, kase, delivery } = await seed();
    for (const needle of [EMAIL, NAME, PHONE, EXTERNAL]) expect((await findTracesInPostgres(ctx.prisma, needle)).length).toBeGreaterThan(3);

    await ctx.api('delete', `/api/v1/people/${person.id}`).expect(200);

    for (const needle of [EMAIL, NAME, PHONE, EXTERNAL]) {
      expect({ needle, traces: await findTracesInPostgres(ctx.prisma, needle) }).toEqual({ needle, traces: [] });
    }
    const notes = await ctx.prisma.caseNote.findMany({ where: { caseId: kase.id }, orderBy: { body: 'asc' } });
    expect(notes.map((n) => n.body)).toEqual([`${redacted('m')}\n${redacted('m')}`, redacted('n')]);
    const [attempt] = await ctx.prisma.webhookAttempt.findMany({ where: { deliveryId: delivery.id } });
    expect(attempt).toMatchObject({ responseBody: redacted('b'), error: redacted('e') });
    expect((await ctx.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).payload).toBe(`not json: ${redacted('p')}`);
    expect((await ctx.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).details).toEqual({
      score: 2,
      who: ERASED,
      seen: [ERASED, 'kept'],
    });
  });
});
