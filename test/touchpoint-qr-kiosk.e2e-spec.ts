import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ApiKeyService } from '@cairn/auth';
import { AnswerLimitsPolicy } from '@cairn/public';
import { Place, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

/** Reads a supertest body as bytes (images are not parsed). */
const binary = (res: { on(event: string, listener: (chunk: Buffer) => void): void }, done: (err: Error | null, body: unknown) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('physical touchpoints: QR codes, the public page and kiosk mode', () => {
  let ctx: TestContext;
  let place: Place;
  let link: string;
  let limits: AnswerLimitsPolicy;

  beforeAll(async () => {
    ctx = await startTestApi();
    place = await seedPlace(ctx);
    limits = ctx.app.get(AnswerLimitsPolicy);
    link = `/t/${place.touchpoint.key}?w=default`;
  });
  afterAll(() => ctx?.close());
  afterEach(() => limits.reset());

  const kioskAnswer = (body: Record<string, unknown>, ip = '203.0.113.7') =>
    ctx.http().post(`${link}&kiosk=1`).set('x-forwarded-for', ip).set('accept', 'application/json').send(body);

  it('serves the QR code as PNG and SVG (managers), encoding the public link with its workspace', async () => {
    const expected = `${ctx.config.publicBaseUrl}/t/${place.touchpoint.key}?w=default`;
    const links = await ctx.api('get', `/api/v1/touchpoints/${place.touchpoint.id}/links`).expect(200);
    expect(links.body).toEqual({ answer: expected, kiosk: `${expected}&kiosk=1`, active: true });

    const png = await ctx.api('get', `/api/v1/touchpoints/${place.touchpoint.id}/qr.png`).buffer(true).parse(binary).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toBe(`attachment; filename="${place.touchpoint.key}-qr.png"`);
    const image = PNG.sync.read(png.body as Buffer);
    expect(image.width).toBe(image.height);
    expect(image.width).toBeGreaterThan(900);
    expect(image.width).toBeLessThanOrEqual(1024);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(expected);

    const svg = await ctx.api('get', `/api/v1/touchpoints/${place.touchpoint.id}/qr.svg`).buffer(true).parse(binary).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const text = (svg.body as Buffer).toString('utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(text).toMatch(/<path [^>]*d="M/);
    expect(text.trim().endsWith('</svg>')).toBe(true);
    // The kiosk link is another code (decoding one PNG above is enough to prove the text: ~1 s under Jest).
    const kioskSvg = await ctx
      .api('get', `/api/v1/touchpoints/${place.touchpoint.id}/qr.svg?kiosk=1`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(kioskSvg.headers['content-disposition']).toBe(`attachment; filename="${place.touchpoint.key}-kiosk-qr.svg"`);
    expect((kioskSvg.body as Buffer).toString('utf8')).not.toBe(text);

    const viewer = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'viewer', 'viewer');
    await ctx.api('get', `/api/v1/touchpoints/${place.touchpoint.id}/qr.png`, viewer.key).expect(403);
    await ctx.api('get', `/api/v1/touchpoints/${place.touchpoint.id}/qr.svg`, viewer.key).expect(403);
    const other = await ctx.createWorkspace('elsewhere-qr');
    await ctx.api('get', `/api/v1/touchpoints/${place.touchpoint.id}/qr.svg`, other.apiKey).expect(404);
  });

  it('shows the page without recording, and records a posted answer as source qr with no person, counted in scores', async () => {
    const page = await ctx.http().get(link).set('accept-language', 'sv-SE').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="sv">');
    expect(page.text).toContain(`action="/t/${place.touchpoint.key}?w=default&amp;lang=sv"`);
    expect(String(page.headers['set-cookie'])).toMatch(/^cairn_device=[\w-]{20,}; Path=\/t; .*HttpOnly; SameSite=Lax/);
    expect(await ctx.prisma.response.count({ where: { touchpointId: place.touchpoint.id } })).toBe(0);

    const thanks = await ctx.http().post(link).type('form').send({ score: '9', comment: 'Friendly staff' }).expect(200);
    expect(thanks.text).toContain('Thank you for your feedback');
    const [row] = await ctx.prisma.response.findMany({ where: { touchpointId: place.touchpoint.id } });
    expect(row).toMatchObject({
      score: 9,
      comment: 'Friendly staff',
      source: 'qr',
      personId: null,
      invitationId: null,
      surveyId: place.survey.id,
    });
    const scores = await ctx.api('get', `/api/v1/scores?touchpointId=${place.touchpoint.id}`).expect(200);
    expect(scores.body).toMatchObject({ n: 1, promoters: 1 });
    const listed = await ctx.api('get', `/api/v1/responses?touchpointId=${place.touchpoint.id}`).expect(200);
    expect(listed.body.data[0]).toMatchObject({ id: row.id, source: 'qr' });

    // Out of range: a 400 page, nothing stored.
    await ctx.http().post(link).type('form').send({ score: '11' }).expect(400);
    expect(await ctx.prisma.response.count({ where: { touchpointId: place.touchpoint.id } })).toBe(1);
  });

  it('finds a key without w only while it is unique across workspaces; unknown keys are a 404 page', async () => {
    const bare = `/t/${place.touchpoint.key}`;
    await ctx.http().get(bare).expect(200);
    const other = await ctx.createWorkspace('elsewhere-page');
    const twin = await seedPlace(ctx, { workspaceId: other.workspaceId });
    await ctx.prisma.touchpoint.update({ where: { id: twin.touchpoint.id }, data: { key: place.touchpoint.key } });
    const ambiguous = await ctx.http().get(bare).expect(404);
    expect(ambiguous.text).toContain('This link is no longer valid');
    await ctx.http().get(`${bare}?w=elsewhere-page`).expect(200);
    await ctx.http().get('/t/no-such-touchpoint?w=default').expect(404);
    await ctx.http().post('/t/no-such-touchpoint?w=default').send({ score: 5 }).set('accept', 'application/json').expect(404);
  });

  it('kiosk: large buttons and its script; answers count in scores; per-device limits refuse the extra answers and count them', async () => {
    const page = await ctx.http().get(`${link}&kiosk=1&reset=3`).expect(200);
    expect(page.text).toContain('class="kiosk"');
    expect(page.text).toContain('data-reset="3"');
    expect(page.text).toContain('id="thanks"');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'sha256-/);

    limits.override('kiosk', {
      device: { limit: 2, windowSeconds: 60 },
      ip: { limit: 100, windowSeconds: 60 },
      touchpoint: { limit: 100, windowSeconds: 60 },
    });
    const device = 'tablet-exit-1';
    await kioskAnswer({ score: 3, device }).expect(201);
    const second = await kioskAnswer({ score: 10, device, comment: '' }).expect(201);
    expect(second.body).toMatchObject({ score: 10, comment: null, source: 'kiosk', outcome: 'created' });
    const refused = await kioskAnswer({ score: 0, device }).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, outcome: 'blocked', reason: 'device' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another tablet in the same shop still answers.
    await kioskAnswer({ score: 8, device: 'tablet-exit-2' }).expect(201);

    const kiosk = await ctx.prisma.response.findMany({ where: { touchpointId: place.touchpoint.id, source: 'kiosk' } });
    expect(kiosk.map((r) => r.score).sort((a, b) => a - b)).toEqual([3, 8, 10]);
    expect(kiosk.every((r) => r.personId === null)).toBe(true);
    // Kiosk answers count in scores like the QR answer before them (9): promoters 9 and 10, detractor 3, passive 8.
    const scores = await ctx.api('get', `/api/v1/scores?touchpointId=${place.touchpoint.id}`).expect(200);
    expect(scores.body).toMatchObject({ n: 4, promoters: 2, passives: 1, detractors: 1 });

    const stats = await ctx.api('get', `/api/v1/touchpoints/${place.touchpoint.id}/kiosk-stats`).expect(200);
    expect(stats.body).toMatchObject({
      touchpointId: place.touchpoint.id,
      answers: { qr: 1, kiosk: 3 },
      blocked: { total: 1, bySource: { qr: 0, kiosk: 1 }, byReason: { device: 1, ip: 0, touchpoint: 0 } },
      days: [{ day: new Date().toISOString().slice(0, 10), source: 'kiosk', reason: 'device', count: 1 }],
      limits: { kiosk: { device: { limit: 2, windowSeconds: 60 } } },
    });
  });

  it('a device that wipes its id meets the address limit, and many devices meet the touchpoint limit', async () => {
    limits.override('kiosk', {
      device: { limit: 100, windowSeconds: 60 },
      ip: { limit: 2, windowSeconds: 60 },
      touchpoint: { limit: 1000, windowSeconds: 60 },
    });
    const ip = '198.51.100.9';
    await kioskAnswer({ score: 5, device: 'wiped-0001' }, ip).expect(201);
    await kioskAnswer({ score: 5, device: 'wiped-0002' }, ip).expect(201);
    expect((await kioskAnswer({ score: 5, device: 'wiped-0003' }, ip).expect(429)).body.reason).toBe('ip');

    // A touchpoint of its own: the answers above count against the first one's touchpoint limit.
    const poster = await seedPlace(ctx);
    limits.override('qr', {
      device: { limit: 100, windowSeconds: 60 },
      ip: { limit: 100, windowSeconds: 60 },
      touchpoint: { limit: 1, windowSeconds: 60 },
    });
    const posterLink = `/t/${poster.touchpoint.key}?w=default`;
    const phone = (n: number) =>
      ctx.http().post(posterLink).set('x-forwarded-for', `192.0.2.${n}`).set('cookie', `cairn_device=phone-000${n}`);
    await phone(1).type('form').send({ score: '7' }).expect(200);
    const page = await phone(2).type('form').send({ score: '7' }).expect(429);
    expect(page.text).toContain('Too many answers from this device');

    const stats = await ctx.api('get', `/api/v1/touchpoints/${place.touchpoint.id}/kiosk-stats`).expect(200);
    expect(stats.body.blocked).toEqual({ total: 2, bySource: { qr: 0, kiosk: 2 }, byReason: { device: 1, ip: 1, touchpoint: 0 } });
    const posterStats = await ctx.api('get', `/api/v1/touchpoints/${poster.touchpoint.id}/kiosk-stats`).expect(200);
    expect(posterStats.body).toMatchObject({
      answers: { qr: 1, kiosk: 0 },
      blocked: { total: 1, bySource: { qr: 1, kiosk: 0 }, byReason: { device: 0, ip: 0, touchpoint: 1 } },
    });
  });
});
