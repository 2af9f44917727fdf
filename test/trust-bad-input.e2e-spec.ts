// Issue 22, point 9: input PostgreSQL or a recursive reader cannot take
// (NUL characters, JSON nested 20,000 deep, dates JavaScript parses but
// PostgreSQL cannot hold) once answered 500. Now a 4xx, and nothing changes.
import { seedInvitation, Seeded } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const cursorAt = (at: string) => Buffer.from(JSON.stringify([at, '0199aa00-0000-7000-8000-000000000001'])).toString('base64url');

describe('bad input gets a 4xx, never a 500', () => {
  let ctx: TestContext;
  let seed: Seeded;
  let workspaceKey: string;

  beforeAll(async () => {
    ctx = await startTestApi();
    seed = await seedInvitation(ctx);
    workspaceKey = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } })).publishableKey;
  });
  afterAll(() => ctx.close());

  const counts = async () => ({
    journeys: await ctx.prisma.journey.count(),
    people: await ctx.prisma.person.count(),
    events: await ctx.prisma.event.count(),
    responses: await ctx.prisma.response.count(),
  });

  it('a NUL character in any text: 400 with a message that says so, nothing stored', async () => {
    const before = await counts();
    const refusals = [
      ctx.api('post', '/api/v1/journeys').send({ name: 'Check\u0000out' }),
      ctx.api('post', '/api/v1/events').send({ type: 'order.delivered', person: { email: 'nul@example.com', name: 'A\u0000' } }),
      ctx
        .api('post', '/api/v1/events')
        .send({ type: 'order.delivered', person: { email: 'nul@example.com' }, properties: { note: '\u0000' } }),
      ctx.http().post(`/r/${seed.responseToken}`).set('Accept', 'application/json').send({ score: 9, comment: 'Fine\u0000' }),
      ctx.http().post(`/r/${seed.responseToken}`).type('form').send('score=9&comment=Fine%00'),
      ctx.http().post('/api/v1/public/responses').send({ workspaceKey, touchpointKey: seed.touchpoint.key, score: 9, comment: '\u0000' }),
      ctx.http().post('/compat/delighted/v1/people.json').auth(ctx.apiKey, '').send({ email: 'nul@example.com', name: 'N\u0000' }),
      ctx.api('get', '/api/v1/people?email=a%00@example.com'),
      ctx.api('get', '/api/v1/journeys/%00'),
      ctx.api('get', `/api/v1/scores?journeyId=${seed.journey.id}&segment.x=%00`),
    ];
    for (const refusal of refusals) {
      const res = await refusal;
      expect({ status: res.status, message: res.body.message }).toEqual({ status: 400, message: expect.stringContaining('NUL') });
    }
    expect(await counts()).toEqual(before);
  });

  it('JSON nested 20,000 deep on the public API and the answer link: 400, and the API keeps answering', async () => {
    const before = await counts();
    for (const body of [deepArray(20_000), deepObject(20_000)]) {
      for (const path of ['/api/v1/public/responses', `/r/${seed.responseToken}`]) {
        const res = await ctx.http().post(path).set('Content-Type', 'application/json').set('Accept', 'application/json').send(body);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.message).toContain('nested more than');
      }
    }
    const journey = await ctx.api('post', '/api/v1/journeys').set('Content-Type', 'application/json').send(deepObject(20_000));
    expect(journey.status).toBe(400);
    expect(await counts()).toEqual(before);
    await ctx.http().get('/health/live').expect(200);
  });

  it('dates PostgreSQL cannot hold: a cursor of year −271821, since/until and occurredAt out of range give 400', async () => {
    for (const at of ['-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00.000Z']) {
      const res = await ctx.api('get', `/api/v1/responses?cursor=${cursorAt(at)}`);
      expect({ at, status: res.status }).toEqual({ at, status: 400 });
    }
    await ctx.api('get', `/api/v1/responses?cursor=${cursorAt('2026-01-01T00:00:00.000Z')}`).expect(200);
    for (const query of ['since=0000-01-01', 'until=0000-01-01T00:00:00Z', 'since=9999-12-31']) {
      const res = await ctx.api('get', `/api/v1/responses?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    const before = await counts();
    const event = await ctx
      .api('post', '/api/v1/events')
      .send({ type: 'order.delivered', person: { email: 'old@example.com' }, occurredAt: '0000-01-01T00:00:00Z' });
    expect(event.status).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
