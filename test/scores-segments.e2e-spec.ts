import { addResponse, createJourney, scores, Tp } from './scores-fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('segments and personas', () => {
  let ctx: TestContext;
  let tp: Tp;
  const RANGE = { since: '2026-03-01', until: '2026-04-01' };

  beforeAll(async () => {
    ctx = await startTestApi();
    [[tp]] = (await createJourney(ctx, [['nps']])).tps;
    // The person is "free" today but answered as "pro": segments read the snapshot on the response.
    const person = await ctx.prisma.person.create({
      data: { workspaceId: ctx.workspaceId, email: 'seg@example.com', properties: { plan: 'free', region: 'dach' } },
    });
    const answers: Array<[number, Record<string, unknown>]> = [
      [10, { plan: 'pro', region: 'nordics' }],
      [0, { plan: 'pro', region: 'dach' }],
      [9, { plan: 'free', region: 'nordics' }],
      [7, { seats: 10, vip: true }],
      [3, {}],
    ];
    for (const [i, [score, properties]] of answers.entries()) {
      await addResponse(ctx, tp, { score, properties, at: `2026-03-1${i}T10:30:00Z`, personId: i === 0 ? person.id : null });
    }
  });
  afterAll(() => ctx.close());

  const q = (extra: Record<string, string | string[]>) => ({ touchpointId: tp.id, ...RANGE, ...extra });

  it('filters on person-property snapshots, several properties at once', async () => {
    // pro: 10 and 0 → (1 − 1)/2 = 0.
    expect(await scores(ctx, q({ 'segment.plan': 'pro' }))).toMatchObject({
      n: 2,
      nps: 0,
      promoters: 1,
      detractors: 1,
      segment: { plan: 'pro' },
    });
    // pro + nordics: the 10 only.
    expect(await scores(ctx, q({ 'segment.plan': 'pro', 'segment.region': 'nordics' }))).toMatchObject({ n: 1, nps: 100 });
    // Repeated property = either value: 10, 0, 9 → (2 − 1)/3 = 33.3.
    expect(await scores(ctx, q({ 'segment.plan': ['pro', 'free'] }))).toMatchObject({
      n: 3,
      nps: 33.3,
      segment: { plan: ['pro', 'free'] },
    });
    expect(await scores(ctx, q({ 'segment.plan': 'enterprise' }))).toMatchObject({ n: 0, nps: null });
    expect(await scores(ctx, q({}))).toMatchObject({ n: 5 });
  });

  it('matches numbers and booleans stored as JSON values', async () => {
    expect(await scores(ctx, q({ 'segment.seats': '10' }))).toMatchObject({ n: 1, passives: 1 });
    expect(await scores(ctx, q({ 'segment.vip': 'true' }))).toMatchObject({ n: 1 });
    expect(await scores(ctx, q({ 'segment.vip': 'false' }))).toMatchObject({ n: 0 });
  });

  it('segments the series and the previous period too', async () => {
    const body = await scores(ctx, q({ 'segment.region': 'nordics', interval: 'month' }));
    expect(body.series).toEqual([{ start: '2026-03-01T00:00:00.000Z', n: 2, score: 100, ci95: [100, 100] }]);
    expect(body.previous).toMatchObject({ n: 0 });
  });

  it('creates, reads, updates and deletes personas', async () => {
    const created = await ctx
      .api('post', '/api/v1/personas')
      .send({ name: 'Nordic pro', description: 'Paying Nordic customers', filters: { plan: 'pro', region: 'nordics' } })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Nordic pro', filters: { plan: 'pro', region: 'nordics' } });
    const id = created.body.id;
    expect((await ctx.api('get', `/api/v1/personas/${id}`).expect(200)).body.description).toBe('Paying Nordic customers');
    expect((await ctx.api('get', '/api/v1/personas').expect(200)).body.data.map((p: { id: string }) => p.id)).toContain(id);
    const dup = await ctx
      .api('post', '/api/v1/personas')
      .send({ name: 'Nordic pro', filters: { plan: 'x' } })
      .expect(409);
    expect(dup.body.message).toContain('Nordic pro');
    const patched = await ctx
      .api('patch', `/api/v1/personas/${id}`)
      .send({ name: 'Pro', filters: { plan: 'pro' } })
      .expect(200);
    expect(patched.body).toMatchObject({ name: 'Pro', filters: { plan: 'pro' } });
    await ctx.api('delete', `/api/v1/personas/${id}`).expect(204);
    await ctx.api('get', `/api/v1/personas/${id}`).expect(404);
    await ctx.api('delete', `/api/v1/personas/${id}`).expect(404);
  });

  it('rejects bad personas with a 400 and stores nothing', async () => {
    const before = await ctx.prisma.persona.count();
    for (const body of [
      { filters: { plan: 'pro' } },
      { name: 'x' },
      { name: 'x', filters: {} },
      { name: 'x', filters: { plan: { nested: true } } },
      { name: 'x', filters: { plan: ['pro'] } },
      { name: 'x', filters: { plan: '' } },
      { name: 'x', filters: { plan: 'pro' }, colour: 'red' },
    ]) {
      const res = await ctx.api('post', '/api/v1/personas').send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    expect(await ctx.prisma.persona.count()).toBe(before);
  });

  it('reads scores by persona, alone and with segments', async () => {
    const persona = (
      await ctx
        .api('post', '/api/v1/personas')
        .send({ name: 'Nordics', filters: { region: 'nordics' } })
        .expect(201)
    ).body;
    // nordics: 10 and 9 → 100.
    expect(await scores(ctx, q({ persona: persona.id }))).toMatchObject({ n: 2, nps: 100, persona: persona.id });
    expect(await scores(ctx, q({ persona: persona.id, 'segment.plan': 'free' }))).toMatchObject({ n: 1 });
    const vip = (
      await ctx
        .api('post', '/api/v1/personas')
        .send({ name: 'VIP', filters: { vip: true, seats: 10 } })
        .expect(201)
    ).body;
    expect(await scores(ctx, q({ persona: vip.id }))).toMatchObject({ n: 1, passives: 1 });
  });

  it('keeps personas inside their workspace', async () => {
    const mine = (
      await ctx
        .api('post', '/api/v1/personas')
        .send({ name: 'Mine', filters: { plan: 'pro' } })
        .expect(201)
    ).body;
    const other = await ctx.createWorkspace('persona-other');
    await ctx.api('get', `/api/v1/personas/${mine.id}`, other.apiKey).expect(404);
    await ctx.api('patch', `/api/v1/personas/${mine.id}`, other.apiKey).send({ name: 'Stolen' }).expect(404);
    await ctx.api('delete', `/api/v1/personas/${mine.id}`, other.apiKey).expect(404);
    expect((await ctx.api('get', '/api/v1/personas', other.apiKey).expect(200)).body.data).toEqual([]);
    // Same name in another workspace is fine.
    await ctx
      .api('post', '/api/v1/personas', other.apiKey)
      .send({ name: 'Mine', filters: { plan: 'pro' } })
      .expect(201);
  });
});
