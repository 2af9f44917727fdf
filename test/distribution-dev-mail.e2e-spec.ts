import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { ApiKeyService } from '@cairn/auth';
import { DevMailCatcher, startDevMailCatcher, DevMailStore } from '@cairn/mail';
import { createRedis, redisKeyPrefix } from '@cairn/redis';
import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { testRedisConnection, testRedisPrefix } from './utils/redis-prefix';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

describe('distribution: the development mail catcher (SMTP_URL unset)', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let catcher: DevMailCatcher;
  let redis: Redis;

  beforeAll(async () => {
    const redisPrefix = testRedisPrefix('devmail');
    // What `npm start` does when SMTP_URL is unset (startDevMailCatcherUnlessSmtp): the catcher first, then the apps,
    // on the run's Redis (or Redis Cluster: there the key prefix is a hash tag).
    const redisConfig = { ...testRedisConnection(), redisPrefix };
    redis = createRedis(redisConfig, true);
    catcher = await startDevMailCatcher(new DevMailStore(redis, `${redisKeyPrefix(redisConfig)}:dev-mail`));
    ctx = await startTestApi({ redisPrefix, smtpUrl: null });
    worker = await startTestWorker(ctx.config);
  });
  afterAll(async () => {
    await worker?.close();
    // Also removes the catcher's keys: they live under the same prefix.
    await ctx?.close();
    await catcher?.close();
    // Jest reuses this process for other test files: leave no catcher address behind.
    delete process.env.CAIRN_DEV_SMTP_URL;
    redis?.disconnect();
  });

  it('catches survey emails and shows them to admins, rendered, with score links that answer the survey', async () => {
    expect(process.env.CAIRN_DEV_SMTP_URL).toBe(catcher.url);
    await createSurvey(ctx, { event: 'first.minute' });
    const email = uniqueEmail('newcomer');
    const { invitations } = await sendEvent(ctx, { type: 'first.minute', person: { email, name: 'Nova' } });

    const listed = await waitFor(
      async () => {
        const res = await ctx.api('get', '/dev/mail/messages').expect(200);
        return res.body.data.find((mail: { to: string }) => mail.to === email);
      },
      20_000,
      'the caught mail',
    );
    expect(listed.subject).toContain(ctx.config.companyName);

    const page = await ctx.api('get', '/dev/mail').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain(`href="/dev/mail/${listed.id}"`);

    const html = await ctx.api('get', `/dev/mail/${listed.id}`).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.text).toContain('Nova');
    const link = new RegExp(`${ctx.config.publicBaseUrl}(/r/[A-Za-z0-9_-]+)\\?score=9`).exec(html.text);
    expect(link).not.toBeNull();
    const text = await ctx.api('get', `/dev/mail/${listed.id}/text`).expect(200);
    expect(text.text).toMatch(/list-unsubscribe: <http/i);

    // The link works: the page opens, and answering it records the response.
    await ctx.http().get(`${link![1]}?score=9`).expect(200);
    await ctx.http().post(link![1]).set('Accept', 'application/json').send({ score: 9 }).expect(201);
    const answered = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitations[0].id } });
    expect(answered.status).toBe('responded');
  });

  it('is for admins only, and off when a real SMTP server is configured', async () => {
    await ctx.http().get('/dev/mail').expect(401);
    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'viewer', 'viewer');
    await ctx.api('get', '/dev/mail', viewer.key).expect(403);
    await ctx.api('get', '/dev/mail/not-a-mail').expect(404);
    const url = process.env.CAIRN_DEV_SMTP_URL;
    delete process.env.CAIRN_DEV_SMTP_URL;
    try {
      const off = await ctx.api('get', '/dev/mail').expect(404);
      expect(off.body.message).toContain('SMTP_URL');
    } finally {
      process.env.CAIRN_DEV_SMTP_URL = url;
    }
  });
});
