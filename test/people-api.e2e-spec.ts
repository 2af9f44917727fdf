import { emailHash } from '@cairn/common';
import { startTestApi, TestContext } from './utils/test-app';

describe('people API', () => {
  let ctx: TestContext;
  let surveyId: string;

  beforeAll(async () => {
    ctx = await startTestApi();
    const journey = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'J', stages: [{ name: 'S' }] })
      .expect(201);
    const tp = await ctx
      .api('post', '/api/v1/touchpoints')
      .send({ stageId: journey.body.stages[0].id, name: 'T', key: 'people-tp', channel: 'email' })
      .expect(201);
    const survey = await ctx
      .api('post', '/api/v1/surveys')
      .send({ touchpointId: tp.body.id, metric: 'nps', trigger: { event: 'order.done' } })
      .expect(201);
    surveyId = survey.body.id;
  });
  afterAll(() => ctx.close());

  function person(email: string, data: object = {}, workspaceId = ctx.workspaceId) {
    return ctx.prisma.person.create({ data: { workspaceId, email, emailHash: emailHash(email), ...data } });
  }

  it('finds people by address whatever its case, and pages through them', async () => {
    const ada = await person('ada@example.com', { name: 'Ada', properties: { plan: 'pro' } });
    for (let i = 0; i < 4; i++) await person(`page${i}@example.com`);
    const found = await ctx.api('get', '/api/v1/people?email=ADA@Example.com').expect(200);
    expect(found.body.data).toEqual([
      expect.objectContaining({ id: ada.id, email: 'ada@example.com', name: 'Ada', properties: { plan: 'pro' } }),
    ]);
    expect(found.body.nextCursor).toBeNull();
    expect((await ctx.api('get', '/api/v1/people?email=nobody@example.com').expect(200)).body.data).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ id: string }>; nextCursor: string | null } } = await ctx
        .api('get', `/api/v1/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(await ctx.prisma.person.count({ where: { workspaceId: ctx.workspaceId } }));

    expect((await ctx.api('get', `/api/v1/people/${ada.id}`).expect(200)).body.email).toBe('ada@example.com');
    await ctx.api('get', '/api/v1/people/00000000-0000-7000-8000-000000000000').expect(404);
    expect((await ctx.api('get', '/api/v1/people/no-such-id').expect(400)).body.message).toBe('id must be a UUID');
    await ctx.api('get', '/api/v1/people?limit=0').expect(400);
    await ctx.api('get', '/api/v1/people?email=not-an-address').expect(400);
  });

  it('merges property updates and refuses bad ones without changing anything', async () => {
    const p = await person('props@example.com', { properties: { plan: 'basic', region: 'eu' } });
    const res = await ctx
      .api('patch', `/api/v1/people/${p.id}`)
      .send({ name: 'Pat', locale: 'sv', properties: { plan: 'pro', region: null, seats: 5 } })
      .expect(200);
    expect(res.body).toMatchObject({ name: 'Pat', locale: 'sv', properties: { plan: 'pro', seats: 5 } });
    expect(res.body.properties).not.toHaveProperty('region');
    for (const body of [{ properties: { nested: { a: 1 } } }, { properties: 'x' }, { locale: 'swedish' }, { email: 'x@y.z' }]) {
      const bad = await ctx.api('patch', `/api/v1/people/${p.id}`).send(body).expect(400);
      expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    expect((await ctx.prisma.person.findUniqueOrThrow({ where: { id: p.id } })).properties).toEqual({ plan: 'pro', seats: 5 });
    await ctx.api('patch', '/api/v1/people/00000000-0000-7000-8000-000000000000').send({ name: 'x' }).expect(404);
  });

  it('unsubscribes: suppression kept in clear, scheduled surveys cancelled, announced once', async () => {
    const p = await person('leave@example.com');
    const inv = await ctx.prisma.invitation.create({
      data: {
        workspaceId: ctx.workspaceId,
        surveyId,
        personId: p.id,
        status: 'scheduled',
        scheduledFor: new Date(Date.now() + 3600_000),
        expiresAt: new Date(Date.now() + 86400_000),
      },
    });
    const res = await ctx.api('post', `/api/v1/people/${p.id}/unsubscribe`).expect(200);
    expect(res.body.unsubscribedAt).toEqual(expect.any(String));
    await ctx.api('post', `/api/v1/people/${p.id}/unsubscribe`).expect(200);
    expect(await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: inv.id } })).toMatchObject({
      status: 'cancelled',
      reason: 'unsubscribed',
    });
    expect(await ctx.prisma.suppression.findFirst({ where: { emailHash: emailHash('leave@example.com') } })).toMatchObject({
      reason: 'unsubscribed',
      email: 'leave@example.com',
    });
    const events = await ctx.prisma.outboxEvent.findMany({ where: { topic: 'person.unsubscribed' } });
    expect(events.filter((e) => (e.payload as { personId: string }).personId === p.id)).toHaveLength(1);
    await ctx.api('post', '/api/v1/people/00000000-0000-7000-8000-000000000000/unsubscribe').expect(404);
  });

  it('keeps workspaces apart and needs the right role', async () => {
    const other = await ctx.createWorkspace('people-other');
    const theirs = await person('theirs@example.com', {}, other.workspaceId);
    await ctx.api('get', `/api/v1/people/${theirs.id}`).expect(404);
    await ctx.api('patch', `/api/v1/people/${theirs.id}`).send({ name: 'x' }).expect(404);
    await ctx.api('delete', `/api/v1/people/${theirs.id}`).expect(404);
    expect((await ctx.api('get', '/api/v1/people?email=theirs@example.com').expect(200)).body.data).toEqual([]);
    await ctx.http().get('/api/v1/people').expect(401);
  });
});
