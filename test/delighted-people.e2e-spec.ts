import { emailHash } from '@cairn/common';
import { DelightedRateLimit } from '@cairn/delighted';
import { OutboxRelayService } from '@cairn/outbox';
import { findTracesInPostgres, findTracesInRedis } from './utils/trace-scan';
import { RedisService } from '@cairn/redis';
import { BASE, delighted, DelightedClient, failure, nowUnix, Obj, plain, startDelightedApi, byCompat } from './delighted.fixtures';
import { TestContext } from './utils/test-app';

describe('Delighted people API, driven by the official Delighted Node client', () => {
  let ctx: TestContext;
  let client: DelightedClient;
  let port: number;

  beforeAll(async () => {
    ({ ctx, client, port } = await startDelightedApi());
  });
  afterAll(() => ctx.close());

  it('creates people with and without delay, stores without sending, and shows throttling', async () => {
    const before = nowUnix();
    const now = await client.person.create({
      email: 'Now@Example.com',
      name: 'Nora',
      properties: { plan: 'pro', question_product_name: 'Boots', locale: 'sv' },
    });
    expect(now).toMatchObject({
      id: expect.any(String),
      email: 'now@example.com',
      name: 'Nora',
      properties: { plan: 'pro', question_product_name: 'Boots', locale: 'sv' },
    });
    expect(now.survey_scheduled_at).toBeGreaterThanOrEqual(before);
    expect(now.survey_scheduled_at).toBeLessThanOrEqual(nowUnix() + 1);
    expect(now.cairn_invitation).toMatchObject({ status: 'scheduled', reason: null });

    const later = await client.person.create({ email: 'later@example.com', delay: 3600 });
    expect(later.survey_scheduled_at).toBeGreaterThanOrEqual(before + 3600);
    expect(later.survey_scheduled_at).toBeLessThanOrEqual(nowUnix() + 3601);
    const invitation = await ctx.prisma.invitation.findFirstOrThrow({ where: { person: byCompat(later.id) } });
    expect(Math.floor(invitation.scheduledFor.getTime() / 1000)).toBe(later.survey_scheduled_at);

    const stored = await client.person.create({ email: 'quiet@example.com', send: false, phone_number: '+15555550100' });
    expect(stored).toMatchObject({ survey_scheduled_at: null, cairn_invitation: null, phone_number: '+15555550100' });
    expect(await ctx.prisma.invitation.count({ where: { person: byCompat(stored.id) } })).toBe(0);

    // Throttling is honoured, and said: no date, and why.
    const again = await client.person.create({ email: 'now@example.com' });
    expect(again).toMatchObject({
      id: now.id,
      survey_scheduled_at: null,
      cairn_invitation: { status: 'throttled', reason: 'recently_surveyed' },
    });
    const raw = await ctx.http().post(`${BASE}/people.json`).auth(ctx.apiKey, '').send({ email: 'now@example.com' }).expect(200);
    expect(raw.headers['x-cairn-invitation-status']).toBe('throttled');

    const sms = await client.person.create({ phone_number: '+15555550123', channel: 'sms', name: 'Sam' });
    expect(sms).toMatchObject({
      email: null,
      survey_scheduled_at: null,
      cairn_invitation: { status: 'not_sent', reason: 'sms_not_configured' },
    });

    const person = await ctx.prisma.person.findFirstOrThrow({ where: byCompat(now.id) });
    expect(person.locale).toBe('sv');
    const workspace = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } });
    const survey = await ctx.prisma.survey.findUniqueOrThrow({
      where: { id: workspace.delightedSurveyId! },
      include: { touchpoint: true },
    });
    expect(survey).toMatchObject({ metric: 'nps', triggerEvent: 'delighted.person.created', touchpoint: { key: 'delighted' } });
  });

  it('lists people oldest first and pages through them with the Link header', async () => {
    for (let i = 0; i < 7; i++) await client.person.create({ email: `list${i}@example.com`, send: false });
    const all = await ctx.prisma.person.count({ where: { workspaceId: ctx.workspaceId, erasedAt: null } });
    const seen: Obj[] = [];
    await client.person.list({ per_page: 3 }).autoPagingEach((p) => void seen.push(p));
    expect(seen).toHaveLength(all);
    expect(seen.map((p) => p.id)).toEqual([...seen.map((p) => p.id)].sort());
    expect(Object.keys(plain(seen[0])).sort()).toEqual([
      'created_at',
      'email',
      'id',
      'last_responded_at',
      'last_sent_at',
      'name',
      'next_survey_scheduled_at',
      'phone_number',
    ]);

    const first = await ctx.http().get(`${BASE}/people.json?per_page=3`).auth(ctx.apiKey, '').expect(200);
    expect(first.body).toHaveLength(3);
    expect(first.headers.link).toMatch(
      new RegExp(`^<http://127\\.0\\.0\\.1:\\d+${BASE}/people\\.json\\?per_page=3&page_info=[\\w-]+>; rel="next"$`),
    );
    const byEmail = client.person.list({ email: 'LIST3@example.com' }); // a lazy list: nothing to await until it pages
    const found: Obj[] = [];
    await byEmail.autoPagingEach((p) => void found.push(p));
    expect(found.map((p) => p.email)).toEqual(['list3@example.com']);
    const future = await ctx
      .http()
      .get(`${BASE}/people.json?since=${nowUnix() + 60}`)
      .auth(ctx.apiKey, '')
      .expect(200);
    expect(future.body).toEqual([]);
    expect(future.headers.link).toBeUndefined();
    const bad = await ctx.http().get(`${BASE}/people.json?per_page=500&since=yesterday`).auth(ctx.apiKey, '').expect(422);
    expect(bad.body).toMatchObject({ status: 422, errors: { per_page: [expect.any(String)], since: ['must be an integer'] } });
  });

  it('unsubscribes, cancels pending surveys and lists unsubscribes and bounces', async () => {
    const pending = await client.person.create({ email: 'pending@example.com', delay: 7200 });
    expect(plain(await client.surveyRequest.deletePending({ person_email: 'pending@example.com' }))).toEqual({ ok: true });
    expect(await ctx.prisma.invitation.findFirstOrThrow({ where: { person: byCompat(pending.id) } })).toMatchObject({
      status: 'cancelled',
    });

    expect(plain(await client.unsubscribe.create({ person_email: 'pending@example.com' }))).toEqual({ ok: true });
    expect(plain(await client.unsubscribe.create({ person_email: 'stranger@example.com' }))).toEqual({ ok: true });
    const unsubscribed = await client.unsubscribe.all();
    expect(plain(unsubscribed)).toEqual([
      { person_id: pending.id, email: 'pending@example.com', name: null, unsubscribed_at: expect.any(Number) },
      { person_id: null, email: 'stranger@example.com', name: null, unsubscribed_at: expect.any(Number) },
    ]);
    expect(plain(await client.unsubscribe.all({ page: 2, per_page: 1 }))).toEqual([
      expect.objectContaining({ email: 'stranger@example.com' }),
    ]);
    const afterUnsubscribe = await client.person.create({ email: 'pending@example.com' });
    expect(afterUnsubscribe).toMatchObject({
      survey_scheduled_at: null,
      cairn_invitation: { status: 'suppressed', reason: 'unsubscribed' },
    });

    await ctx.prisma.suppression.create({
      data: { workspaceId: ctx.workspaceId, emailHash: emailHash('bounce@example.com'), email: 'bounce@example.com', reason: 'bounced' },
    });
    expect(plain(await client.bounce.all())).toEqual([
      { person_id: null, email: 'bounce@example.com', name: null, bounced_at: expect.any(Number) },
    ]);
    const missing = await failure(client.unsubscribe.create({}));
    expect(JSON.parse(missing.message).errors).toEqual({ person_email: ["can't be blank"] });
  });

  it('deletes people by id, email: and phone_number:, leaving no trace of the address in Postgres or Redis', async () => {
    const email = 'delete.me@example.com';
    const person = await client.person.create({ email, name: 'Dee Leet', delay: 600, properties: { plan: 'pro' } });
    await client.surveyResponse.create({ person: person.id, score: 6, comment: `mail me at ${email}` });
    const relay = ctx.app.get(OutboxRelayService);
    // Stands in for the worker's relay (an API only wakes it): the jobs must be in Redis for the trace check to mean something.
    await relay.relay();
    expect((await findTracesInPostgres(ctx.prisma, email)).length).toBeGreaterThan(0);

    expect(plain(await client.person.delete({ email }))).toEqual({ ok: true });
    expect(await findTracesInPostgres(ctx.prisma, email)).toEqual([]);
    expect(await findTracesInPostgres(ctx.prisma, 'Dee Leet')).toEqual([]);
    const redis = ctx.app.get(RedisService).client;
    expect((await redis.keys(`${ctx.config.redisPrefix}:*`)).length).toBeGreaterThan(0);
    expect(await findTracesInRedis(redis, ctx.config.redisPrefix, email)).toEqual([]);
    const gone = await failure(client.person.delete({ email }));
    expect(gone.message).toContain('404');

    const byId = await client.person.create({ email: 'by.id@example.com', send: false });
    const deleted = await ctx.http().delete(`${BASE}/people/${byId.id}`).auth(ctx.apiKey, '').expect(202);
    expect(deleted.body).toEqual({ ok: true });
    await client.person.create({ phone_number: '+15555550199', send: false });
    expect(plain(await client.person.delete({ phone_number: '+15555550199' }))).toEqual({ ok: true });
    expect(await ctx.prisma.person.count({ where: { phoneNumber: '+15555550199' } })).toBe(0);
  });

  it("answers with Delighted's status codes: 401, 422 per field, 429 with Retry-After, 404", async () => {
    const stranger = delighted('not-a-key', port);
    expect((await failure(stranger.metrics.retrieve())).type).toBe('AuthenticationError');
    const noAuth = await ctx.http().get(`${BASE}/metrics.json`).expect(401);
    expect(noAuth.body).toMatchObject({ status: 401, statusCode: 401 });

    const invalid = await ctx
      .http()
      .post(`${BASE}/people.json`)
      .auth(ctx.apiKey, '')
      .send({ email: 'not an address', delay: -5, properties: { nested: { no: 1 } }, channel: 'fax' })
      .expect(422);
    expect(invalid.body).toMatchObject({
      status: 422,
      message: 'Unprocessable Entity',
      errors: {
        email: ['is invalid'],
        delay: [expect.any(String)],
        properties: [expect.any(String)],
        channel: ['is not included in the list'],
      },
    });
    const blank = await failure(client.person.create({ name: 'No Address' }));
    expect(JSON.parse(blank.message).errors).toEqual({ email: ["can't be blank"] });
    const form = await ctx
      .http()
      .post(`${BASE}/people.json`)
      .auth(ctx.apiKey, '')
      .type('form')
      .send('email=form@example.com&send=false&properties[plan]=gold')
      .expect(200);
    expect(form.body).toMatchObject({ email: 'form@example.com', properties: { plan: 'gold' } });

    const redis = ctx.app.get(RedisService);
    const counter = redis.key('rl', 'delighted', ctx.workspaceId);
    await redis.client.del(counter);
    ctx.app.get(DelightedRateLimit).override({ limit: 2, windowSeconds: 30 });
    try {
      await client.metrics.retrieve();
      await client.metrics.retrieve();
      const limited = await failure(client.metrics.retrieve());
      expect(limited.type).toBe('TooManyRequestsError');
      expect(limited.retryAfter).toBeGreaterThan(0);
      expect(limited.retryAfter).toBeLessThanOrEqual(30);
    } finally {
      ctx.app.get(DelightedRateLimit).reset();
      await redis.client.del(counter);
    }
    const notFound = await ctx.http().delete(`${BASE}/people/email:nobody@example.com`).auth(ctx.apiKey, '').expect(404);
    expect(notFound.body).toMatchObject({ status: 404, message: 'Not Found' });
  });
});
