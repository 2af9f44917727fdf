import { ResponseRecorderService } from '@cairn/responses';
import { BASE, delighted, DelightedClient, failure, nowUnix, Obj, plain, startDelightedApi, byCompat } from './delighted.fixtures';
import { TestContext } from './utils/test-app';

describe('Delighted survey responses and metrics, driven by the official Delighted Node client', () => {
  let ctx: TestContext;
  let client: DelightedClient;
  let port: number;

  beforeAll(async () => {
    ({ ctx, client, port } = await startDelightedApi());
  });
  afterAll(() => ctx.close());

  it('creates, lists, retrieves and updates survey responses', async () => {
    const person = await client.person.create({ email: 'answers@example.com', send: false, properties: { plan: 'basic' } });
    const created = await client.surveyResponse.create({
      person: person.id,
      score: 9,
      comment: 'Lovely',
      person_properties: { region: 'eu' },
    });
    expect(created).toMatchObject({
      person: person.id,
      survey_type: 'nps',
      score: 9,
      comment: 'Lovely',
      person_properties: { plan: 'basic', region: 'eu' },
      notes: [],
      tags: [],
      additional_answers: [],
    });
    expect(created.created_at).toBeGreaterThan(nowUnix() - 5);
    const yesterday = nowUnix() - 86_400;
    const old = await client.surveyResponse.create({ person: person.id, score: 2, created_at: yesterday });
    expect(old).toMatchObject({ created_at: yesterday, updated_at: yesterday, score: 2, comment: null });

    const listed = await client.surveyResponse.all({ person_email: 'answers@example.com', order: 'desc', expand: ['person'] });
    expect(listed.map((r) => r.id)).toEqual([created.id, old.id]);
    expect(listed[0].person).toMatchObject({ id: person.id, email: 'answers@example.com' });
    const paged = await client.surveyResponse.all({ person_id: person.id, per_page: 1, page: 2 });
    expect(paged.map((r) => r.id)).toEqual([created.id]);
    const recent = await client.surveyResponse.all({ person_id: person.id, since: new Date(Date.now() - 3600_000) });
    expect(recent.map((r) => r.id)).toEqual([created.id]);

    const fetched = await client.surveyResponse.retrieve(created.id);
    expect(fetched).toMatchObject({ id: created.id, score: 9 });
    fetched.score = 4;
    fetched.comment = 'Changed my mind';
    const saved = await Promise.resolve((fetched as unknown as { save(): PromiseLike<Obj> }).save()).catch((e) => {
      throw new Error(`${e.type}: ${e.message}`);
    });
    expect(saved).toMatchObject({ id: created.id, score: 4, comment: 'Changed my mind' });
    const updated = await client.surveyResponse.all({ person_id: person.id, updated_since: saved.updated_at, order: 'asc:updated_at' });
    expect(updated.map((r) => r.id)).toContain(created.id);
    const events = await ctx.prisma.outboxEvent.findMany({ where: { topic: { in: ['response.created', 'response.updated'] } } });
    const createdRow = await ctx.prisma.response.findFirstOrThrow({ where: byCompat(created.id) });
    expect(
      events
        .filter((e) => (e.payload as Obj).responseId === createdRow.id)
        .map((e) => e.topic)
        .sort(),
    ).toEqual(['response.created', 'response.updated']);

    const badScore = await failure(client.surveyResponse.create({ person: person.id, score: 11 }));
    expect(badScore.type).toBe('ResourceValidationError');
    expect(JSON.parse(badScore.message)).toMatchObject({ status: 422, errors: { score: ['must be between 0 and 10'] } });
    const noPerson = await failure(client.surveyResponse.create({ person: 'nobody', score: 5 }));
    expect(JSON.parse(noPerson.message).errors).toEqual({ person: ['is invalid'] });
    await ctx.http().get(`${BASE}/survey_responses/missing.json`).auth(ctx.apiKey, '').expect(404);
  });

  it('reads metrics counted from the answers themselves, as /api/v1/scores does for the same range', async () => {
    const person = await client.person.create({ email: 'metrics@example.com', send: false });
    // A window of its own, a month back, so no other test's answers fall in it.
    const start = nowUnix() - 30 * 86_400;
    for (const [i, score] of [10, 9, 9, 8, 7, 3, 0].entries()) {
      await client.surveyResponse.create({ person: person.id, score, created_at: start + i * 60 });
    }
    // Whole seconds, as Delighted's client sends Dates; Delighted's `until` includes its last second.
    const since = new Date(start * 1000);
    const until = new Date((start + 6 * 60) * 1000);
    const metrics = await client.metrics.retrieve({ since, until });
    // 3 promoters (10, 9, 9), 2 passives (8, 7), 2 detractors (3, 0) of 7: NPS 100 × 1/7 ≈ 14.
    expect(plain(metrics)).toEqual({
      nps: 14,
      promoter_count: 3,
      promoter_percent: 43,
      passive_count: 2,
      passive_percent: 29,
      detractor_count: 2,
      detractor_percent: 29,
      response_count: 7,
    });
    const touchpoint = await ctx.prisma.touchpoint.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, key: 'delighted' } });
    const range = `since=${since.toISOString()}&until=${new Date(until.getTime() + 1000).toISOString()}`;
    const scores = (await ctx.api('get', `/api/v1/scores?touchpointId=${touchpoint.id}&metric=nps&${range}`).expect(200)).body;
    expect(scores).toMatchObject({ n: 7, promoters: 3, passives: 2, detractors: 2 });
    expect(scores.nps).toBe(14.3);
    // Before this test's own window, where nothing was answered (the last seconds may hold the first test's answer).
    const empty = await client.metrics.retrieve({ since: start - 600, until: start - 60 });
    // Delighted answered zeros, never null, for a range without responses.
    expect(plain(empty)).toEqual({
      nps: 0,
      promoter_count: 0,
      promoter_percent: 0,
      passive_count: 0,
      passive_percent: 0,
      detractor_count: 0,
      detractor_percent: 0,
      response_count: 0,
    });
  });

  it('honours last_sent_at, reads other touchpoints by trend, and expands notes', async () => {
    const synced = await client.person.create({ email: 'synced@example.com', last_sent_at: nowUnix() - 86_400 });
    expect(synced).toMatchObject({ survey_scheduled_at: null, cairn_invitation: { status: 'throttled', reason: 'recently_surveyed' } });
    const history = await ctx.prisma.invitation.findFirstOrThrow({ where: { person: byCompat(synced.id), reason: 'sent_by_delighted' } });
    expect(history.status).toBe('sent');
    const listed: Obj[] = [];
    await client.person.list({ email: 'synced@example.com' }).autoPagingEach((p) => void listed.push(p));
    expect(Math.abs(listed[0].last_sent_at - (nowUnix() - 86_400))).toBeLessThanOrEqual(1);

    // trend = another touchpoint (id or key): its responses and its metrics.
    const journey = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Stores', stages: [{ name: 'Visit' }] })
      .expect(201);
    const store = await ctx
      .api('post', '/api/v1/touchpoints')
      .send({ stageId: journey.body.stages[0].id, name: 'Store', key: 'store-visit', channel: 'store' })
      .expect(201);
    const survey = await ctx
      .api('post', '/api/v1/surveys')
      .send({ touchpointId: store.body.id, metric: 'nps', trigger: { event: 'store.visit' }, throttleDays: 0 })
      .expect(201);
    const event = await ctx
      .api('post', '/api/v1/events')
      .send({ type: 'store.visit', person: { email: 'visitor@example.com' } })
      .expect(202);
    const invitation = await ctx.prisma.invitation.findUniqueOrThrow({
      where: { id: event.body.invitations[0].id },
      include: { person: true },
    });
    const answered = await ctx.app.get(ResponseRecorderService).answerDirect(
      {
        workspaceId: ctx.workspaceId,
        surveyId: survey.body.id,
        personId: invitation.personId,
        touchpointId: store.body.id,
        stageId: store.body.stageId,
        journeyId: store.body.journeyId,
        metric: 'nps',
        locale: null,
        source: 'web',
        personProperties: {},
      },
      { score: 10, comment: 'Nice shop' },
    );
    const answeredRow = await ctx.prisma.response.findUniqueOrThrow({ where: { id: answered.id } });
    expect(plain(await client.surveyResponse.all({ trend: 'store-visit' })).map((r: Obj) => r.id)).toEqual([String(answeredRow.compatId)]);
    expect(plain(await client.metrics.retrieve({ trend: store.body.id }))).toMatchObject({ nps: 100, response_count: 1 });
    const unknownTrend = await failure(client.metrics.retrieve({ trend: 'nope' }));
    expect(JSON.parse(unknownTrend.message).errors).toEqual({ trend: ['is invalid'] });

    await ctx.prisma.case.create({
      data: {
        workspaceId: ctx.workspaceId,
        responseId: answered.id,
        touchpointId: store.body.id,
        notes: { create: [{ author: 'cx@shop.test', body: 'Called back' }] },
      },
    });
    const [withNotes] = await client.surveyResponse.all({ trend: 'store-visit', expand: ['notes'] });
    expect(plain(withNotes).notes).toEqual([
      { id: expect.any(String), text: 'Called back', user_email: 'cx@shop.test', created_at: expect.any(Number) },
    ]);
    const window = await client.surveyResponse.all({ trend: 'store-visit', until: nowUnix() - 3600, updated_until: nowUnix() + 60 });
    expect(plain(window)).toEqual([]);
  });

  it('keeps workspaces apart', async () => {
    const other = await ctx.createWorkspace('delighted-other');
    const theirs = delighted(other.apiKey, port);
    const mine = await client.person.create({ email: 'mine@example.com', send: false });
    const seen: Obj[] = [];
    await theirs.person.list().autoPagingEach((p) => void seen.push(p));
    expect(seen).toEqual([]);
    expect(plain(await theirs.surveyResponse.all())).toEqual([]);
    expect((await failure(theirs.surveyResponse.create({ person: mine.id, score: 5 }))).type).toBe('ResourceValidationError');
    expect((await failure(theirs.person.delete({ id: mine.id }))).message).toContain('404');
  });
});
