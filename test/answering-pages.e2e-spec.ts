import { RateLimitPolicy } from '@cairn/rate-limit';
import { responsesOf, seedInvitation } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('answering through a survey link', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
    // These tests post many times from one address; the limits have their own test.
    ctx.app.get(RateLimitPolicy).override('answer-submit', {});
    ctx.app.get(RateLimitPolicy).override('answer-page', {});
  });
  afterAll(() => ctx.close());

  it('shows the question in the person’s language with the clicked score preselected, recording nothing', async () => {
    const seed = await seedInvitation(ctx, { locale: 'sv-SE' });
    const res = await ctx.http().get(`/r/${seed.responseToken}?score=9`).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.text).toContain('<html lang="sv">');
    expect(res.text).toContain('Hur troligt är det');
    expect(res.text).toMatch(/id="score-9" value="9" checked>/);
    expect(res.text.match(/ checked>/g)).toHaveLength(1);
    expect(res.text).toContain('<textarea id="comment" name="comment"');
    expect(res.text).toContain(`action="${seed.responseToken}"`);
    // Works without JavaScript: a real form posting the score and the comment.
    expect(res.text).toMatch(/<form id="answer" method="post"/);
    expect(await responsesOf(ctx, seed.invitation.id)).toHaveLength(0);
  });

  it('escapes everything that comes from data', async () => {
    const seed = await seedInvitation(ctx, {
      locale: 'en',
      touchpointName: '<img src=x onerror=alert(1)>',
      metric: 'csat',
    });
    const res = await ctx.http().get(`/r/${seed.responseToken}?score="><script>alert(1)</script>`).expect(200);
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).not.toContain(' checked>');
  });

  it('never records on GET or HEAD, whatever the score parameter', async () => {
    const seed = await seedInvitation(ctx);
    for (let score = 0; score <= 10; score++) {
      await ctx.http().get(`/r/${seed.responseToken}?score=${score}`).set('User-Agent', 'Mozilla/5.0 (compatible; SafeLinks)').expect(200);
      await ctx.http().head(`/r/${seed.responseToken}?score=${score}`).expect(200);
    }
    expect(await responsesOf(ctx, seed.invitation.id)).toHaveLength(0);
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: seed.invitation.id } })).status).toBe('sent');
  });

  it('answers unknown, expired, cancelled and foreign tokens with the very same 404', async () => {
    const expiredByDate = await seedInvitation(ctx, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await seedInvitation(ctx, { status: 'expired' });
    const cancelled = await seedInvitation(ctx, { status: 'cancelled' });
    const live = await seedInvitation(ctx);
    const tokens = [
      'A'.repeat(32),
      'not a token',
      expiredByDate.responseToken,
      expired.responseToken,
      cancelled.responseToken,
      live.unsubscribeToken, // a real token of another kind
    ];
    const pages = await Promise.all(
      tokens.map((token) =>
        ctx
          .http()
          .get(`/r/${encodeURIComponent(token)}?score=3`)
          .expect(404),
      ),
    );
    const posts = await Promise.all(
      tokens.map((token) =>
        ctx
          .http()
          .post(`/r/${encodeURIComponent(token)}`)
          .send({ score: 3 })
          .expect(404),
      ),
    );
    expect(new Set(pages.map((p) => p.text)).size).toBe(1);
    expect(pages[0].text).toContain('This link is no longer valid');
    expect(new Set(posts.map((p) => JSON.stringify(p.body))).size).toBe(1);
    expect(posts[0].body).toEqual({ statusCode: 404, error: 'Not Found', message: 'This link is not valid' });
    expect(
      await ctx.prisma.response.count({
        where: { invitationId: { in: [expiredByDate, expired, cancelled, live].map((s) => s.invitation.id) } },
      }),
    ).toBe(0);
  });
});
