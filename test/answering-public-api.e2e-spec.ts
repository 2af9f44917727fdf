import { createHmac } from 'node:crypto';
import { RateLimitPolicy } from '@cairn/rate-limit';
import { seedInvitation, Seeded } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('in-app answers, the widget and rate limits', () => {
  let ctx: TestContext;
  let seed: Seeded;
  let key: string;
  const shop = 'https://shop.example.com';

  beforeAll(async () => {
    ctx = await startTestApi();
    seed = await seedInvitation(ctx, { metric: 'csat' });
    await ctx.prisma.touchpoint.update({ where: { id: seed.touchpoint.id }, data: { channel: 'web', key: 'checkout' } });
    const workspace = await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { corsOrigins: [shop] } });
    key = workspace.publishableKey;
  });
  afterAll(() => ctx.close());

  const answer = (body: object, origin?: string) => {
    const req = ctx.http().post('/api/v1/public/responses');
    return (origin ? req.set('Origin', origin) : req).send(body);
  };

  it('records an answer from an allowed origin with the touchpoint’s survey, creating the signed person once', async () => {
    const secret = (await ctx.api('post', '/api/v1/widget/identity-secret').expect(201)).body.secret;
    const userHash = createHmac('sha256', secret).update('cust-42').digest('hex');
    const person = { externalId: 'cust-42', email: 'Widget@Example.com', name: 'Wim', properties: { plan: 'team' }, userHash };
    const res = await answer(
      { workspaceKey: key, touchpointKey: 'checkout', score: 2, comment: 'Card refused', locale: 'da', person },
      shop,
    ).expect(201);
    expect(res.headers['access-control-allow-origin']).toBe(shop);
    expect(res.body).toMatchObject({ metric: 'csat', score: 2, comment: 'Card refused' });
    const stored = await ctx.prisma.response.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored).toMatchObject({
      touchpointId: seed.touchpoint.id,
      stageId: seed.stage.id,
      journeyId: seed.journey.id,
      surveyId: seed.survey.id,
      metric: 'csat',
      scaleMin: 1,
      scaleMax: 5,
      source: 'web',
      locale: 'da',
      invitationId: null,
      personProperties: { plan: 'team' },
    });
    const created = await ctx.prisma.person.findFirstOrThrow({ where: { externalId: 'cust-42' } });
    // Only the signed identifier is trusted: the email sent beside it is not stored.
    expect(created).toMatchObject({ email: null, name: 'Wim' });
    // A public key never rewrites a known person, even a signed one.
    await answer({
      workspaceKey: key,
      touchpointKey: 'checkout',
      score: 5,
      person: { externalId: 'cust-42', properties: { plan: 'free' }, userHash },
    }).expect(201);
    expect(await ctx.prisma.person.count({ where: { externalId: 'cust-42' } })).toBe(1);
    expect((await ctx.prisma.person.findFirstOrThrow({ where: { externalId: 'cust-42' } })).properties).toEqual({ plan: 'team' });
    const topics = (await ctx.prisma.outboxEvent.findMany({ where: { payload: { path: ['responseId'], equals: res.body.id } } })).map(
      (e) => e.topic,
    );
    expect(topics.sort()).toEqual(['response.created', 'response.detractor']);
  });

  it('answers preflights only for origins some workspace allows, and refuses other origins', async () => {
    const ok = await ctx
      .http()
      .options('/api/v1/public/responses')
      .set('Origin', shop)
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(ok.headers).toMatchObject({ 'access-control-allow-origin': shop, 'access-control-allow-headers': 'content-type' });
    expect(ok.headers['access-control-allow-methods']).toContain('POST');
    const bad = await ctx.http().options('/api/v1/public/responses').set('Origin', 'https://evil.example').expect(403);
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
    const before = await ctx.prisma.response.count();
    const refused = await answer({ workspaceKey: key, touchpointKey: 'checkout', score: 4 }, 'https://evil.example').expect(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(await ctx.prisma.response.count()).toBe(before);
  });

  it('rejects bad keys, unknown touchpoints and out-of-range scores, storing nothing', async () => {
    const before = await ctx.prisma.response.count();
    expect((await answer({ workspaceKey: 'pk_nope', touchpointKey: 'checkout', score: 4 }).expect(401)).body.statusCode).toBe(401);
    await answer({ workspaceKey: key, touchpointKey: 'nowhere', score: 4 }).expect(404);
    const range = await answer({ workspaceKey: key, touchpointKey: 'checkout', score: 6 }).expect(400);
    expect(range.body.message).toContain('1 to 5');
    await answer({ workspaceKey: key, touchpointKey: 'checkout', score: '4' }).expect(400);
    await answer({ workspaceKey: key, touchpointKey: 'checkout', score: 4, touchpointId: seed.touchpoint.id }).expect(400);
    await answer({ workspaceKey: key, touchpointKey: 'checkout', score: 4, person: { email: 'not-an-email' } }).expect(400);
    expect(await ctx.prisma.response.count()).toBe(before);
  });

  it('gives the widget its localized question', async () => {
    const res = await ctx.http().get(`/api/v1/public/surveys/checkout?workspaceKey=${key}&locale=sv-SE`).set('Origin', shop).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(shop);
    expect(res.body).toMatchObject({
      metric: 'csat',
      scale: { min: 1, max: 5 },
      scores: [1, 2, 3, 4, 5],
      locale: 'sv',
      submitLabel: 'Skicka',
    });
    expect(res.body.question).toContain('Hur nöjd');
  });

  it('serves /widget.js as a script any site may load', async () => {
    const res = await ctx.http().get('/widget.js').expect(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.text).toContain('/api/v1/public/responses');
    expect(res.text.length).toBeLessThan(8000);
  });

  describe('rate limits', () => {
    const policy = () => ctx.app.get(RateLimitPolicy);
    afterEach(() => policy().reset());

    it('limits answers per token with 429 and Retry-After, and counts tokens apart', async () => {
      policy().override('answer-submit', { subject: { limit: 3, windowSeconds: 60 } });
      const one = await seedInvitation(ctx);
      const two = await seedInvitation(ctx);
      for (let i = 0; i < 3; i++)
        await ctx
          .http()
          .post(`/r/${one.responseToken}`)
          .send({ score: 5 + i })
          .expect(i ? 200 : 201);
      const limited = await ctx.http().post(`/r/${one.responseToken}`).send({ score: 1 }).expect(429);
      expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect((await ctx.prisma.response.findUniqueOrThrow({ where: { invitationId: one.invitation.id } })).score).toBe(7);
      await ctx.http().post(`/r/${two.responseToken}`).send({ score: 1 }).expect(201);
    });

    it('limits every public endpoint per client address', async () => {
      policy().override('answer-page', { ip: { limit: 2, windowSeconds: 30 } });
      policy().override('public-api', { ip: { limit: 1, windowSeconds: 30 } });
      policy().override('unsubscribe', { ip: { limit: 1, windowSeconds: 30 } });
      policy().override('widget', { ip: { limit: 1, windowSeconds: 30 } });
      const s = await seedInvitation(ctx);
      const ip = (n: number) => `203.0.113.${n}`;
      await ctx.http().get(`/r/${s.responseToken}`).set('X-Forwarded-For', ip(1)).expect(200);
      await ctx.http().get('/r/unknown-token-xxxxxxxxxxxxxxxx').set('X-Forwarded-For', ip(1)).expect(404);
      const page = await ctx.http().get(`/r/${s.responseToken}`).set('X-Forwarded-For', ip(1)).expect(429);
      expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
      await ctx.http().get(`/r/${s.responseToken}`).set('X-Forwarded-For', ip(2)).expect(200);

      await ctx.http().get('/widget.js').set('X-Forwarded-For', ip(3)).expect(200);
      await ctx.http().get('/widget.js').set('X-Forwarded-For', ip(3)).expect(429);
      await answer({ workspaceKey: key, touchpointKey: 'checkout', score: 3 }).set('X-Forwarded-For', ip(4)).expect(201);
      await answer({ workspaceKey: key, touchpointKey: 'checkout', score: 3 }).set('X-Forwarded-For', ip(4)).expect(429);
      await ctx.http().post(`/u/${s.unsubscribeToken}`).set('X-Forwarded-For', ip(5)).expect(200);
      await ctx.http().post(`/u/${s.unsubscribeToken}`).set('X-Forwarded-For', ip(5)).expect(429);
    });
  });
});
