import { startTestApi, TestContext } from './utils/test-app';

describe('journey API', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  async function createJourney(body: object = { name: 'Shop', stages: [{ name: 'Awareness' }, { name: 'Purchase' }] }) {
    const res = await ctx.api('post', '/api/v1/journeys').send(body).expect(201);
    return res.body;
  }

  it('refuses requests without a valid key', async () => {
    await ctx.http().get('/api/v1/journeys').expect(401);
    const res = await ctx.http().get('/api/v1/journeys').set('Authorization', 'Bearer nope').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('creates a journey with ordered stages and reads it back', async () => {
    const journey = await createJourney();
    expect(journey.stages.map((s: { name: string; position: number }) => [s.name, s.position])).toEqual([
      ['Awareness', 0],
      ['Purchase', 1],
    ]);
    const got = await ctx.api('get', `/api/v1/journeys/${journey.id}`).expect(200);
    expect(got.body.name).toBe('Shop');
    const list = await ctx.api('get', '/api/v1/journeys').expect(200);
    expect(list.body.data.map((j: { id: string }) => j.id)).toContain(journey.id);
  });

  it('rejects bad input with a clear 400 and stores nothing', async () => {
    const before = await ctx.prisma.journey.count();
    const missing = await ctx.api('post', '/api/v1/journeys').send({}).expect(400);
    expect(missing.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(JSON.stringify(missing.body.message)).toContain('name');
    const unknown = await ctx.api('post', '/api/v1/journeys').send({ name: 'x', colour: 'red' }).expect(400);
    expect(JSON.stringify(unknown.body.message)).toContain('colour');
    await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'x', stages: [{ title: 'no name' }] })
      .expect(400);
    await ctx.api('post', '/api/v1/journeys').set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(await ctx.prisma.journey.count()).toBe(before);
  });

  it('updates and archives a journey', async () => {
    const journey = await createJourney({ name: 'Old name' });
    const patched = await ctx.api('patch', `/api/v1/journeys/${journey.id}`).send({ name: 'New name' }).expect(200);
    expect(patched.body.name).toBe('New name');
    await ctx.api('delete', `/api/v1/journeys/${journey.id}`).expect(204);
    await ctx.api('get', `/api/v1/journeys/${journey.id}`).expect(404);
    expect(await ctx.prisma.journey.findUnique({ where: { id: journey.id } })).toMatchObject({ name: 'New name' });
  });

  it('inserts, moves and deletes stages keeping positions dense', async () => {
    const journey = await createJourney({ name: 'Stages', stages: [{ name: 'A' }, { name: 'C' }] });
    const b = await ctx.api('post', `/api/v1/journeys/${journey.id}/stages`).send({ name: 'B', position: 1 }).expect(201);
    const names = async () =>
      (await ctx.api('get', `/api/v1/journeys/${journey.id}`).expect(200)).body.stages.map((s: { name: string }) => s.name);
    expect(await names()).toEqual(['A', 'B', 'C']);
    await ctx.api('patch', `/api/v1/stages/${b.body.id}`).send({ position: 0, name: 'B2' }).expect(200);
    expect(await names()).toEqual(['B2', 'A', 'C']);
    await ctx.api('delete', `/api/v1/stages/${b.body.id}`).expect(204);
    const stages = (await ctx.api('get', `/api/v1/journeys/${journey.id}`)).body.stages;
    expect(stages.map((s: { name: string; position: number }) => [s.name, s.position])).toEqual([
      ['A', 0],
      ['C', 1],
    ]);
  });

  it('creates touchpoints with unique keys and valid channels', async () => {
    const journey = await createJourney();
    const stageId = journey.stages[1].id;
    const tp = await ctx
      .api('post', '/api/v1/touchpoints')
      .send({ stageId, name: 'Checkout', key: 'checkout', channel: 'web' })
      .expect(201);
    expect(tp.body).toMatchObject({ stageId, journeyId: journey.id, key: 'checkout', channel: 'web' });
    const dup = await ctx.api('post', '/api/v1/touchpoints').send({ stageId, name: 'Again', key: 'checkout', channel: 'web' }).expect(409);
    expect(dup.body.message).toContain('checkout');
    await ctx.api('post', '/api/v1/touchpoints').send({ stageId, name: 'X', key: 'Bad Key', channel: 'web' }).expect(400);
    await ctx.api('post', '/api/v1/touchpoints').send({ stageId, name: 'X', key: 'x', channel: 'pigeon' }).expect(400);
    await ctx.api('post', '/api/v1/touchpoints').send({ stageId: 'missing', name: 'X', key: 'x', channel: 'web' }).expect(404);
    const detail = await ctx.api('get', `/api/v1/journeys/${journey.id}`).expect(200);
    expect(detail.body.stages[1].touchpoints.map((t: { key: string }) => t.key)).toEqual(['checkout']);
    await ctx.api('delete', `/api/v1/stages/${stageId}`).expect(409);
  });

  it('creates surveys with the documented defaults and validates them', async () => {
    const journey = await createJourney();
    const tp = await ctx
      .api('post', '/api/v1/touchpoints')
      .send({ stageId: journey.stages[0].id, name: 'Delivery', key: 'delivery-survey', channel: 'delivery' })
      .expect(201);
    const survey = await ctx
      .api('post', '/api/v1/surveys')
      .send({ touchpointId: tp.body.id, metric: 'nps', trigger: { event: 'order.delivered', delaySeconds: 172800 } })
      .expect(201);
    expect(survey.body).toMatchObject({
      metric: 'nps',
      trigger: { event: 'order.delivered', delaySeconds: 172800 },
      reminderAfterSeconds: null,
      throttleDays: 30,
      expiresAfterSeconds: 2592000,
      active: true,
    });
    const bad = [
      { touchpointId: tp.body.id, metric: 'stars', trigger: { event: 'x' } },
      { touchpointId: tp.body.id, metric: 'nps' },
      { touchpointId: tp.body.id, metric: 'nps', trigger: { event: 'x', delaySeconds: -1 } },
      { touchpointId: tp.body.id, metric: 'nps', trigger: { event: 'x' }, question: { english: 'Hi' } },
      { touchpointId: tp.body.id, metric: 'nps', trigger: { event: 'x' }, question: { en: '' } },
    ];
    for (const body of bad) await ctx.api('post', '/api/v1/surveys').send(body).expect(400);
    const patched = await ctx
      .api('patch', `/api/v1/surveys/${survey.body.id}`)
      .send({ active: false, question: { en: 'How was it, {{name}}?', sv: 'Hur var det?' } })
      .expect(200);
    expect(patched.body).toMatchObject({ active: false, question: { en: 'How was it, {{name}}?' } });
  });

  it('keeps workspaces apart', async () => {
    const journey = await createJourney({ name: 'Private', stages: [{ name: 'Hidden' }] });
    const other = await ctx.createWorkspace('other');
    const asOther = (method: 'get' | 'patch' | 'delete' | 'post', path: string) => ctx.api(method, path, other.apiKey);
    expect((await asOther('get', '/api/v1/journeys').expect(200)).body.data).toEqual([]);
    await asOther('get', `/api/v1/journeys/${journey.id}`).expect(404);
    await asOther('patch', `/api/v1/journeys/${journey.id}`).send({ name: 'stolen' }).expect(404);
    await asOther('delete', `/api/v1/journeys/${journey.id}`).expect(404);
    await asOther('post', `/api/v1/journeys/${journey.id}/stages`).send({ name: 'x' }).expect(404);
    await asOther('patch', `/api/v1/stages/${journey.stages[0].id}`).send({ name: 'x' }).expect(404);
    expect((await ctx.api('get', `/api/v1/journeys/${journey.id}`).expect(200)).body.name).toBe('Private');
    // The same touchpoint key may exist in two workspaces.
    const mine = await createJourney();
    const theirs = await asOther('post', '/api/v1/journeys')
      .send({ name: 'T', stages: [{ name: 'S' }] })
      .expect(201);
    await ctx
      .api('post', '/api/v1/touchpoints')
      .send({ stageId: mine.stages[0].id, name: 'W', key: 'shared-key', channel: 'web' })
      .expect(201);
    await asOther('post', '/api/v1/touchpoints')
      .send({ stageId: theirs.body.stages[0].id, name: 'W', key: 'shared-key', channel: 'web' })
      .expect(201);
    await asOther('post', '/api/v1/touchpoints').send({ stageId: mine.stages[0].id, name: 'W', key: 'steal', channel: 'web' }).expect(404);
  });
});
