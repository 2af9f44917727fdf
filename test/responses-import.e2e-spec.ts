import { ApiKeyService } from '@cairn/auth';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobRepository, QueueName } from '@cairn/jobs';
import { OutboxRelayService, OutboxRepository } from '@cairn/outbox';
import { Place, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Math.floor((Date.now() - ms) / 1000) * 1000).toISOString();

describe('POST /api/v1/responses/import', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let receiver: WebhookReceiver;
  let place: Place;

  beforeAll(async () => {
    ctx = await startTestApi();
    worker = await startTestWorker(ctx.config);
    receiver = await new WebhookReceiver().start();
    place = await seedPlace(ctx);
    await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url(), events: ['response.created', 'response.detractor'] })
      .expect(201);
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await ctx?.close();
  });

  const importItems = (items: unknown[], key?: string) => ctx.api('post', '/api/v1/responses/import', key).send({ items });
  const counts = async () => ({
    responses: await ctx.prisma.response.count(),
    people: await ctx.prisma.person.count(),
    outbox: await ctx.prisma.outboxEvent.count(),
  });

  /** Every event so far went through the worker (alerts, cases and webhook deliveries ran). */
  async function dispatched(): Promise<void> {
    await ctx.app.get(OutboxRelayService).idle();
    await waitFor(
      async () => {
        if (await ctx.app.get(OutboxRepository).countPending()) return false;
        const jobs = await ctx.app
          .get(JobRepository)
          .getQueue(QueueName.Events)
          .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(jobs).every((n) => n === 0);
      },
      30_000,
      'events dispatched',
    );
  }

  it('past answers count in the scores of their period and list with their dates', async () => {
    // 10 answers 10–12 days ago: 5 promoters (9, 10), 2 passives (7, 8), 3 detractors (0–6) → NPS (5 − 3) / 10 = +20.
    const scores = [10, 9, 10, 9, 10, 8, 7, 6, 0, 3];
    const items = scores.map((score, i) => ({
      surveyId: place.survey.id,
      score,
      createdAt: ago(10 * DAY + i * 5 * HOUR),
      comment: `c${i}`,
    }));
    const res = await importItems(items).expect(201);
    expect(res.body.imported).toBe(10);
    expect(res.body.responseIds).toHaveLength(10);

    const window = `since=${ago(13 * DAY)}&until=${ago(9 * DAY)}`;
    const nps = await ctx.api('get', `/api/v1/scores?touchpointId=${place.touchpoint.id}&metric=nps&${window}`).expect(200);
    expect(nps.body).toMatchObject({ n: 10, promoters: 5, passives: 2, detractors: 3, nps: 20 });
    // The same after the worker folded the deltas into the hour, day and week rows.
    await waitFor(async () => (await ctx.prisma.scoreRollupDelta.count()) === 0, 30_000, 'rollups folded');
    const folded = await ctx.api('get', `/api/v1/scores?touchpointId=${place.touchpoint.id}&metric=nps&${window}`).expect(200);
    expect(folded.body).toMatchObject({ n: 10, nps: 20 });
    // Nothing in the period before: the answers sit in their own dates, not today.
    const today = await ctx.api('get', `/api/v1/scores?touchpointId=${place.touchpoint.id}&metric=nps&since=${ago(DAY)}`).expect(200);
    expect(today.body.n).toBe(0);

    const listed = await ctx.api('get', `/api/v1/responses?touchpointId=${place.touchpoint.id}&${window}&limit=50`).expect(200);
    const byId = new Map(listed.body.data.map((r: { id: string }) => [r.id, r]));
    res.body.responseIds.forEach((id: string, i: number) =>
      expect(byId.get(id)).toMatchObject({ score: scores[i], createdAt: items[i].createdAt, comment: `c${i}`, source: 'import' }),
    );
  });

  it('an invalid item is a 422 naming its index, and nothing of the request is stored', async () => {
    const other = await ctx.createWorkspace('elsewhere');
    const foreign = await seedPlace(ctx, { workspaceId: other.workspaceId });
    const good = { surveyId: place.survey.id, score: 5, createdAt: ago(30 * DAY), person: { email: 'new-person@example.com' } };
    const before = await counts();
    const cases: Array<[unknown, string, string]> = [
      [{ ...good, score: 11 }, 'score', 'items[3].score: must be an integer from 0 to 10 for NPS'],
      [{ ...good, createdAt: new Date(Date.now() + HOUR).toISOString() }, 'createdAt', 'items[3].createdAt: is in the future'],
      [{ ...good, surveyId: foreign.survey.id }, 'surveyId', 'items[3].surveyId: no survey with this id in this workspace'],
      [
        { ...good, surveyId: '0190d3c4-0000-7000-8000-000000000000' },
        'surveyId',
        'items[3].surveyId: no survey with this id in this workspace',
      ],
      [{ ...good, person: { email: 'not an address' } }, 'person.email', 'items[3].person.email: must be an email'],
      [{ ...good, colour: 'red' }, 'colour', 'items[3].colour: property colour should not exist'],
    ];
    for (const [bad, field, message] of cases) {
      const res = await importItems([good, good, good, bad, good]).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, message, errors: [{ index: 3, field }] });
    }
    // Several problems: each named, in index order.
    const many = await importItems([{ ...good, score: -1 }, good, { ...good, createdAt: 'yesterday' }]).expect(422);
    expect(many.body.errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([
      [0, 'score'],
      [2, 'createdAt'],
    ]);
    expect(many.body.message).toMatch(/^items\[0\]\.score: .* \(and 1 more problem\)$/);
    expect(await counts()).toEqual(before);
  });

  it('a person id already held by another address fails its item inside the transaction: still nothing stored', async () => {
    await ctx.prisma.person.update({ where: { id: place.person.id }, data: { externalId: 'crm-1' } });
    const before = await counts();
    const res = await importItems([
      { surveyId: place.survey.id, score: 9, createdAt: ago(40 * DAY), person: { email: 'first@example.com' } },
      { surveyId: place.survey.id, score: 9, createdAt: ago(40 * DAY), person: { email: 'someone@example.com', externalId: 'crm-1' } },
    ]).expect(422);
    expect(res.body.errors).toEqual([
      { index: 1, field: 'person.externalId', message: 'already belongs to another person in this workspace' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('a 2-hour-old detractor is announced like a live answer (webhook, alert, case); a 3-day-old one announces nothing', async () => {
    const res = await importItems([
      { surveyId: place.survey.id, score: 2, createdAt: ago(2 * HOUR), comment: 'Late again', person: { email: place.person.email! } },
      { surveyId: place.survey.id, score: 1, createdAt: ago(3 * DAY), comment: 'Long ago', person: { email: place.person.email! } },
    ]).expect(201);
    const [recent, old] = res.body.responseIds as string[];
    await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: recent } }), 30_000, 'case of the recent answer');
    await waitFor(
      () => receiver.hits.some((hit) => JSON.parse(hit.body).type === 'response.detractor' && hit.body.includes(recent)),
      30_000,
      'response.detractor webhook',
    );
    await dispatched();
    expect(await ctx.prisma.alert.count({ where: { responseId: recent } })).toBe(1);
    expect(await ctx.prisma.case.count({ where: { responseId: old } })).toBe(0);
    expect(await ctx.prisma.alert.count({ where: { responseId: old } })).toBe(0);
    const announced = await ctx.prisma.outboxEvent.findMany({ where: { topic: { startsWith: 'response.' } } });
    expect(announced.filter((e) => JSON.stringify(e.payload).includes(old))).toEqual([]);
    expect(
      announced
        .filter((e) => JSON.stringify(e.payload).includes(recent))
        .map((e) => e.topic)
        .sort(),
    ).toEqual(['response.created', 'response.detractor']);
    expect(receiver.hits.filter((hit) => hit.body.includes(old))).toEqual([]);
  });

  it('people are upserted by email: properties merged on the person and kept on each answer', async () => {
    const first = await importItems([
      {
        surveyId: place.survey.id,
        score: 8,
        createdAt: ago(20 * DAY),
        person: { email: 'Bo@Example.com', name: 'Bo', properties: { plan: 'basic', region: 'north' } },
      },
    ]).expect(201);
    const second = await importItems([
      {
        surveyId: place.survey.id,
        score: 10,
        createdAt: ago(5 * DAY),
        person: { email: 'bo@example.com', externalId: 'crm-bo', properties: { plan: 'pro' } },
      },
      { surveyId: place.survey.id, score: 9, createdAt: ago(15 * DAY), locale: 'sv', person: { email: place.person.email! } },
    ]).expect(201);
    const bo = await ctx.prisma.person.findMany({ where: { workspaceId: ctx.workspaceId, email: 'bo@example.com' } });
    expect(bo).toHaveLength(1);
    expect(bo[0]).toMatchObject({ name: 'Bo', externalId: 'crm-bo', properties: { plan: 'pro', region: 'north' } });
    const rows = await ctx.prisma.response.findMany({ where: { id: { in: [first.body.responseIds[0], ...second.body.responseIds] } } });
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row(first.body.responseIds[0])).toMatchObject({ personId: bo[0].id, personProperties: { plan: 'basic', region: 'north' } });
    expect(row(second.body.responseIds[0])).toMatchObject({ personId: bo[0].id, personProperties: { plan: 'pro', region: 'north' } });
    expect(row(second.body.responseIds[1])).toMatchObject({ personId: place.person.id, locale: 'sv', personProperties: { plan: 'pro' } });
    // People are stored, never surveyed.
    expect(await ctx.prisma.invitation.count()).toBe(0);
  });

  it("an erased person's history counts anonymously and does not bring them back", async () => {
    const item = {
      surveyId: place.survey.id,
      score: 3,
      createdAt: ago(30 * DAY),
      person: { email: 'gone@example.com', properties: { plan: 'pro' } },
    };
    const first = await importItems([item]).expect(201);
    const gone = await ctx.prisma.response.findUniqueOrThrow({ where: { id: first.body.responseIds[0] } });
    await ctx.api('delete', `/api/v1/people/${gone.personId}`).expect(200);

    const again = await importItems([{ ...item, person: { ...item.person, email: 'Gone@Example.com' } }]).expect(201);
    const row = await ctx.prisma.response.findUniqueOrThrow({ where: { id: again.body.responseIds[0] } });
    expect(row).toMatchObject({ personId: null, personProperties: {}, score: 3 });
    expect(await ctx.prisma.person.count({ where: { workspaceId: ctx.workspaceId, email: 'gone@example.com' } })).toBe(0);
  });

  it('a retried import with item externalIds stores nothing twice and returns the same response ids', async () => {
    const items = [1, 2, 3].map((n) => ({ surveyId: place.survey.id, score: 9, createdAt: ago(50 * DAY), externalId: `old-tool-${n}` }));
    const first = await importItems(items).expect(201);
    expect(first.body).toMatchObject({ imported: 3, skipped: 0 });
    const before = await counts();
    const again = await importItems([...items, { ...items[0], externalId: 'old-tool-4' }]).expect(201);
    expect(again.body).toMatchObject({ imported: 1, skipped: 3 });
    expect(again.body.responseIds.slice(0, 3)).toEqual(first.body.responseIds);
    expect((await counts()).responses).toBe(before.responses + 1);
    const twice = await importItems([items[0], items[0]]).expect(422);
    expect(twice.body.errors).toEqual([{ index: 1, field: 'externalId', message: 'repeats the externalId of items[0]' }]);
  });

  it("keeps Delighted's response and person ids and tags: Delighted's API finds them by the old ids", async () => {
    const item = {
      surveyId: place.survey.id,
      score: 6,
      createdAt: ago(40 * DAY),
      externalId: 'delighted:90000001',
      delightedId: '90000001',
      tags: ['churn-risk'],
      person: { email: 'moved@example.com', delightedId: '81000001' },
    };
    await importItems([item]).expect(201);
    const read = await ctx.http().get('/compat/delighted/v1/survey_responses/90000001.json').auth(ctx.apiKey, '');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: '90000001', person: '81000001', score: 6, tags: ['churn-risk'] });
    const bad = await importItems([{ ...item, externalId: 'x', delightedId: 'r-1' }]).expect(422);
    expect(bad.body.errors).toEqual([{ index: 0, field: 'delightedId', message: expect.stringContaining('whole number') }]);
  });

  it('takes 5,000 answers in one request, refuses 5,001 before any work, and is manager-only', async () => {
    const item = (i: number) => ({
      surveyId: place.survey.id,
      score: i % 11,
      createdAt: ago(60 * DAY + i * 60_000),
      comment: `Answer number ${i}: the parcel came on time and the courier was friendly.`,
      person: { email: `bulk-${i % 2500}@example.com`, properties: { cohort: `c${i % 7}` } },
    });
    const before = await counts();
    const tooMany = await importItems(Array.from({ length: 5001 }, (_, i) => item(i))).expect(422);
    expect(tooMany.body.message).toBe('items must hold 1 to 5000 answers (got 5001)');
    expect(await counts()).toEqual(before);

    const started = Date.now();
    const res = await importItems(Array.from({ length: 5000 }, (_, i) => item(i))).expect(201);
    const took = Date.now() - started;
    expect(res.body.imported).toBe(5000);
    expect(new Set(res.body.responseIds).size).toBe(5000);
    expect((await counts()).responses).toBe(before.responses + 5000);
    expect((await counts()).people).toBe(before.people + 2500);
    process.stdout.write(`5,000 answers imported in ${took} ms\n`);

    const scores = await ctx
      .api('get', `/api/v1/scores?touchpointId=${place.touchpoint.id}&metric=nps&since=${ago(64 * DAY)}&until=${ago(59 * DAY)}`)
      .expect(200);
    expect(scores.body.n).toBe(5000);

    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'viewer', 'viewer');
    await importItems([item(0)], viewer.key).expect(403);
    await ctx.api('post', '/api/v1/responses/import').send({ items: 'all of them' }).expect(400);
  });
});
