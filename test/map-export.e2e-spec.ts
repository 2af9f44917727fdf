import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Response } from 'supertest';
import { ApiKeyService } from '@cairn/auth';
import { MapExportService } from '@cairn/map-export';
import { parseMapQuery } from '@cairn/scores';
import { launchBrowser, SCREENSHOTS } from './dashboard-helpers';
import { startTestApi, TestContext } from './utils/test-app';

const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

/** How a picture looks: its size, and how much of it is ink rather than white paper. */
interface PixelStats {
  width: number;
  height: number;
  dark: number;
  colours: number;
}

/** Decodes an image in Chromium (a canvas) and counts its dark pixels and distinct colours. */
async function imageStats(page: Page, png: Buffer): Promise<PixelStats> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const data = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] + data[i + 1] + data[i + 2] < 300) dark++;
      if (i % 64 === 0) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { width: canvas.width, height: canvas.height, dark, colours: colours.size };
  }, png.toString('base64'));
}

/**
 * Turns page 1 of a PDF into a PNG with pdf.js (pdfjs-dist, from node_modules) inside Chromium: no tool outside npm.
 * Returns the picture, the page's size in points and its text.
 */
async function pdfToImage(page: Page, pdf: Buffer): Promise<{ png: Buffer; pages: number; size: [number, number]; text: string }> {
  const root = join(__dirname, '..', 'node_modules', 'pdfjs-dist', 'build');
  await page.route('http://pdfjs.local/**', (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><canvas id="c"></canvas>' });
    return route.fulfill({ path: join(root, name.replace(/[^a-z.]/g, '')), contentType: 'text/javascript' });
  });
  await page.goto('http://pdfjs.local/index.html');
  // A string, not a function: the test's compiler would rewrite a dynamic import() into require().
  const result = (await page.evaluate(`(async () => {
    const pdfjs = await import('http://pdfjs.local/pdf.min.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc = 'http://pdfjs.local/pdf.worker.min.mjs';
    const bytes = Uint8Array.from(atob(${JSON.stringify(pdf.toString('base64'))}), (c) => c.charCodeAt(0));
    const doc = await pdfjs.getDocument({ data: bytes }).promise;
    const first = await doc.getPage(1);
    const base = first.getViewport({ scale: 1 });
    const viewport = first.getViewport({ scale: 2 });
    const canvas = document.getElementById('c');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    await first.render({ canvasContext: canvas.getContext('2d'), canvas, viewport }).promise;
    const content = await first.getTextContent();
    return {
      pages: doc.numPages,
      size: [base.width, base.height],
      text: content.items.map((i) => i.str || '').join(' '),
      dataUrl: canvas.toDataURL('image/png'),
    };
  })()`)) as { pages: number; size: [number, number]; text: string; dataUrl: string };
  return { png: Buffer.from(result.dataUrl.split(',')[1], 'base64'), pages: result.pages, size: result.size, text: result.text };
}

function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('GET /api/v1/journeys/:id/map.pdf and map.png: the map rendered by the server', () => {
  let ctx: TestContext;
  let viewer: string;
  let browser: Browser;
  let page: Page;
  let journeyId: string;
  const RANGE = { since: '2026-03-01', until: '2026-03-31' };

  beforeAll(async () => {
    // Generous: renders on a loaded 2-core machine take seconds; the timeout's own 503 is not what this file measures.
    ctx = await startTestApi({ mapExport: { chromiumPath: '/usr/bin/chromium', timeoutMs: 90_000 } });
    viewer = (await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'reader', 'viewer')).key;
    const journey = await ctx
      .api('post', '/api/v1/journeys')
      .send({
        name: 'Online shop',
        stages: [
          { name: 'Choose', customerGoal: 'Find the right plan', customerActions: ['Compare plans', 'Pay'] },
          { name: XSS, customerGoal: XSS },
          { name: 'Receive', customerActions: ['Track the parcel'] },
        ],
      })
      .expect(201);
    journeyId = journey.body.id;
    const stages = journey.body.stages.map((s: { id: string }) => s.id);
    let n = 0;
    for (const [i, metric, scores, target] of [
      [0, 'nps', [10, 10, 10, 9, 8, 0, 0], 40],
      [1, 'csat', [5, 4, 4, 2, 1], 80],
      [2, 'ces', [6, 6, 5, 7], 5],
    ] as const) {
      const tp = await ctx
        .api('post', '/api/v1/touchpoints')
        .send({
          stageId: stages[i],
          name: `${metric.toUpperCase()} touchpoint`,
          key: `tp-${metric}`,
          channel: 'web',
          owner: 'CX team',
          target,
        })
        .expect(201);
      const survey = await ctx
        .api('post', '/api/v1/surveys')
        .send({ touchpointId: tp.body.id, metric, trigger: { event: `${metric}.done` } })
        .expect(201);
      const res = await ctx
        .api('post', '/api/v1/responses/import')
        .send({
          items: scores.map((score, k) => ({
            surveyId: survey.body.id,
            score,
            comment: k === 0 ? `Comment ${XSS}` : undefined,
            createdAt: `2026-03-1${k}T10:00:00.000Z`,
            person: { email: `p${n++}@example.com` },
          })),
        })
        .expect(201);
      const { themesVersion } = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } });
      await ctx.prisma.commentAnalysis.create({
        data: {
          responseId: res.body.responseIds[0],
          workspaceId: ctx.workspaceId,
          language: 'en',
          sentimentScore: i === 1 ? -0.7 : 0.6,
          sentimentLabel: i === 1 ? 'negative' : 'positive',
          themes: ['delivery'],
          themesVersion,
        },
      });
    }
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  it('builds an escaped, self-contained print page: no markup from stage names or comments', async () => {
    const { html } = await ctx.app.get(MapExportService).page(ctx.workspaceId, journeyId, parseMapQuery(RANGE, new Date()));
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    // Nothing to fetch: no external URL in the page.
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).toContain('Find the right plan');
    expect(html).toContain('Target 40 — missed');
  });

  it('renders a PNG 1600 px wide with text on it, for a viewer', async () => {
    const res = await ctx.api('get', `/api/v1/journeys/${journeyId}/map.png`, viewer).query(RANGE).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe('attachment; filename="online-shop-map.png"');
    const png = res.body as Buffer;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBe(1600);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
    expect(png.length).toBeGreaterThan(30_000);
    const stats = await imageStats(page, png);
    // Text and lines: thousands of dark pixels, many colours (cards, curve); blank paper would have none.
    expect(stats.width).toBe(1600);
    expect(stats.dark).toBeGreaterThan(5_000);
    expect(stats.colours).toBeGreaterThan(20);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'journey-map-export.png'), png);
  });

  it('renders a landscape A4 PDF whose first page, turned into an image by pdf.js, shows the map', async () => {
    const res = await ctx.api('get', `/api/v1/journeys/${journeyId}/map.pdf`, viewer).query(RANGE).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="online-shop-map.pdf"');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const image = await pdfToImage(page, pdf);
    // A4 landscape in points: 842 × 595.
    expect(image.size[0]).toBeCloseTo(841.9, 0);
    expect(image.size[1]).toBeCloseTo(595.3, 0);
    expect(image.text).toContain('Online shop');
    expect(image.text).toContain('Find the right plan');
    // The stage name is printed as the text it is.
    expect(image.text.replace(/\s+/g, '')).toContain('<imgsrc=xonerror="alert(1)"><script>alert(2)</script>'.replace(/\s+/g, ''));
    const stats = await imageStats(page, image.png);
    expect(stats.dark).toBeGreaterThan(5_000);
    expect(stats.colours).toBeGreaterThan(20);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'journey-map-export-pdf.png'), image.png);
  });

  it('renders several at once (two at a time, the rest wait)', async () => {
    const all = await Promise.all(
      [0, 1, 2].map(() => ctx.api('get', `/api/v1/journeys/${journeyId}/map.png`, viewer).query(RANGE).buffer(true).parse(binary)),
    );
    expect(all.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('answers like the map: 404 unknown journey or persona, 400 bad query, 401 without a key', async () => {
    await ctx.api('get', '/api/v1/journeys/01900000-0000-7000-8000-000000000000/map.pdf').expect(404);
    await ctx.api('get', `/api/v1/journeys/${journeyId}/map.png`).query({ personaId: '01900000-0000-7000-8000-000000000000' }).expect(404);
    await ctx.api('get', `/api/v1/journeys/${journeyId}/map.png`).query({ since: 'yesterday' }).expect(400);
    await ctx.api('get', `/api/v1/journeys/${journeyId}/map.png`).query({ colour: 'red' }).expect(400);
    await ctx.http().get(`/api/v1/journeys/${journeyId}/map.pdf`).expect(401);
    const other = await ctx.createWorkspace('elsewhere');
    await ctx.api('get', `/api/v1/journeys/${journeyId}/map.pdf`, other.apiKey).expect(404);
  });

  it('answers 503 with Retry-After when no browser is there', async () => {
    const noBrowser = await startTestApi({ mapExport: { chromiumPath: '/nonexistent/chromium', timeoutMs: 20_000 } });
    try {
      const j = await noBrowser
        .api('post', '/api/v1/journeys')
        .send({ name: 'J', stages: [{ name: 'S' }] })
        .expect(201);
      const res = await noBrowser.api('get', `/api/v1/journeys/${j.body.id}/map.pdf`).expect(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.body.message).toBe('Map export needs a Chromium browser and none was found at /nonexistent/chromium (set CHROMIUM_PATH).');
      // The map itself still reads.
      await noBrowser.api('get', `/api/v1/journeys/${j.body.id}/map`).expect(200);
    } finally {
      await noBrowser.close();
    }
  }, 60_000);
});
