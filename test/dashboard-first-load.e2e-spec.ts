import { get } from 'node:http';
import { loadavg } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { BrowserContext, Page, Request } from 'playwright-core';
import { DashboardRig, login, newContext, startDashboard } from './dashboard-helpers';

// Issue 20, point 9: the journey map drawn fast on a cold first load, then reused
// from the cache. Prints the time to the drawn map, the bytes on the wire and the
// request count (with the load average: this machine is shared), and checks the
// compression and cache headers the speed rests on.
describe('dashboard first load (journey map)', () => {
  let rig: DashboardRig;

  beforeAll(async () => {
    rig = await startDashboard();
  });
  afterAll(async () => {
    await rig?.close();
  });

  interface Seen {
    url: string;
    status: number;
    headers: Record<string, string>;
    wireBytes: number;
    bodyBytes: number;
  }

  /** What the page itself counted (Resource Timing) up to the mark the map sets once drawn. */
  interface Timing {
    drawnMs: number;
    requests: number;
    transferKb: number;
    api: string[];
  }

  /** Opens the map in `page`: the ms until the map's drawn mark (from navigation start), and every response on the way. */
  async function loadMap(page: Page): Promise<{ ms: number; seen: Seen[]; timing: Timing }> {
    const seen: Seen[] = [];
    const pending: Promise<void>[] = [];
    const failed: Error[] = [];
    // Requests still finish after the mark (modules the map loads once drawn); their look-ups may then meet a closed
    // page, which says nothing about the load measured: only failures before the measure ends count.
    let measured = false;
    const onFinished = (request: Request) => {
      pending.push(
        (async () => {
          const response = await request.response();
          if (!response) return;
          const sizes = await request.sizes();
          seen.push({
            url: request.url(),
            status: response.status(),
            headers: await response.allHeaders(),
            wireBytes: sizes.responseBodySize + sizes.responseHeadersSize,
            bodyBytes: sizes.responseBodySize,
          });
        })().catch((error: Error) => void (measured || failed.push(error))),
      );
    };
    page.on('requestfinished', onFinished);
    await page.goto(`${rig.base}/#/journeys/${rig.journeyId}`);
    // Drawn: the map page marks it once the cards, the curve and the sparklines are in (journey-map.js), and Chart.js owns the curve's canvas.
    await page.waitForFunction(() => performance.getEntriesByName('cairn:map-drawn').length > 0, undefined, { timeout: 60_000 });
    const timing = await page.evaluate(() => {
      const drawn = performance.getEntriesByName('cairn:map-drawn')[0].startTime;
      const canvas = document.querySelector('.curve canvas');
      const chart = (window as unknown as { Chart?: { getChart: (c: Element) => unknown } }).Chart;
      if (!canvas || !chart?.getChart(canvas)) throw new Error('the mark was set without the emotion curve drawn');
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const upToDrawn = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.startTime <= drawn);
      return {
        drawnMs: Math.round(drawn),
        requests: 1 + upToDrawn.length, // the page itself, then what it asked for
        transferKb: (nav.transferSize + upToDrawn.reduce((sum, r) => sum + r.transferSize, 0)) / 1024,
        api: upToDrawn.map((r) => new URL(r.name).pathname).filter((path) => path.startsWith('/api/')),
      };
    });
    await Promise.all(pending);
    measured = true;
    page.off('requestfinished', onFinished);
    expect(failed).toEqual([]);
    return { ms: timing.drawnMs, seen, timing };
  }

  function report(label: string, { timing, seen }: { timing: Timing; seen: Seen[] }): void {
    const fromNetwork = seen.filter((s) => s.wireBytes > 0).length; // cache hits report no bytes
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    // Printed on purpose: the figure issue 20 asks to watch (goal: < 1 s on localhost).
    process.stdout.write(
      `[first-load] ${label}: map drawn at ${timing.drawnMs} ms, ${timing.requests} requests (${fromNetwork} over the network), ${timing.transferKb.toFixed(1)} KB transferred; load average ${load}\n`,
    );
  }

  // No time limit asserted: on this shared machine the same code takes 2-6 s at load 10-20; the figures are printed.
  it('draws the map from a cold cache with every text response compressed, then from the cache', async () => {
    const cookies = await rig.page.context().cookies();
    const runs = Number(process.env.FIRST_LOAD_RUNS ?? 3);
    const times: number[] = [];
    let cold: { ms: number; seen: Seen[]; timing: Timing } | undefined;
    let context: BrowserContext | undefined;
    for (let run = 1; run <= runs; run++) {
      await context?.close();
      context = await newContext(rig.browser); // a fresh profile: nothing cached
      await context.addCookies(cookies);
      cold = await loadMap(await context.newPage());
      report(`cold cache, run ${run}/${runs}`, cold);
      times.push(cold.ms);
    }
    try {
      times.sort((a, b) => a - b);
      process.stdout.write(`[first-load] cold cache median ${times[Math.floor(times.length / 2)]} ms of ${times.join(', ')}\n`);

      // Bounds that do not move with the machine's load (issue 20 measured 40 requests and 342 KB before any of this):
      // who is signed in is asked once (the preload is what main.js's fetch uses), and the map's data is one request.
      const { timing } = cold!;
      expect(timing.api.sort()).toEqual(['/api/v1/auth/session', `/api/v1/dashboard/map-view/${rig.journeyId}`]);
      expect(timing.requests).toBeLessThanOrEqual(26); // 22-23 now; 32 before this change
      expect(timing.transferKb).toBeLessThan(125);

      const local = cold!.seen.filter((s) => s.url.startsWith(rig.base));
      const text = local.filter((s) => /^(text\/|application\/(json|javascript))/.test(s.headers['content-type'] ?? ''));
      const uncompressed = text.filter((s) => s.bodyBytes > 1024 && !/^(br|gzip)$/.test(s.headers['content-encoding'] ?? ''));
      expect(uncompressed.map((s) => s.url)).toEqual([]);
      // The map's own code, not every page's.
      expect(local.filter((s) => /pages\/(cases|case|webhooks|users|surveys|journey-editor|login)\.js$/.test(s.url))).toEqual([]);

      const page0 = local.find((s) => new URL(s.url).pathname === '/')!;
      expect(page0.headers['cache-control']).toBe('no-cache');
      expect(page0.headers.etag).toBeTruthy();
      const statics = local.filter((s) => /\.(js|css)$/.test(new URL(s.url).pathname));
      expect(statics.length).toBeGreaterThan(3);
      for (const s of statics) expect([s.url, s.headers['cache-control']]).toEqual([s.url, 'public, max-age=31536000, immutable']);

      // The same map again: the page revalidates, every script and stylesheet comes from the cache.
      const warm = await loadMap(await context!.newPage());
      report('warm cache', warm);
      const refetched = warm.seen.filter(
        (s) => /\.(js|css)$/.test(new URL(s.url).pathname) && s.url.startsWith(rig.base) && s.wireBytes > 0,
      );
      expect(refetched.map((s) => s.url)).toEqual([]);
    } finally {
      await context?.close();
    }
  });

  describe('over HTTP', () => {
    /** The bytes and headers of a GET as sent (node:http: supertest would decode them). */
    function raw(path: string, headers: Record<string, string> = {}) {
      return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
        get(`${rig.base}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }),
          );
        }).on('error', reject);
      });
    }

    it('compresses text responses in brotli or gzip when the client takes them, and not otherwise', async () => {
      const plain = await raw('/docs-json', { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      const json = JSON.parse(plain.body.toString('utf8'));
      expect(json.openapi).toBeTruthy();

      const br = await raw('/docs-json', { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(json);
      expect(br.body.length).toBeLessThan(plain.body.length / 3);

      const gzip = await raw('/docs-json', { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(json);

      const none = await raw('/docs-json');
      expect(none.headers['content-encoding']).toBeUndefined();

      const script = await raw('/assets/js/main.js', { 'accept-encoding': 'br' });
      expect(script.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(script.body).toString('utf8')).toContain('onRoute(');
    });

    it('serves index.html to revalidate by ETag, with versioned asset URLs cached a year and its modules preloaded', async () => {
      const page = await raw('/', { 'accept-encoding': 'identity' });
      expect(page.headers['cache-control']).toBe('no-cache');
      const etag = page.headers.etag;
      expect(etag).toMatch(/^"[0-9a-f]{12}"$/);
      const html = page.body.toString('utf8');
      const version = etag.slice(1, -1);
      expect(html).toContain(`src="/assets/v/${version}/js/main.js"`);
      expect(html).toContain(`data-chart="/vendor/${version}/chart.umd.min.js"`);
      expect(html).toContain(`<link rel="modulepreload" href="/assets/v/${version}/js/pages/journey-map.js" />`);
      expect(html).toContain(`<link rel="modulepreload" href="/assets/v/${version}/js/locales/en.js" />`);
      expect(html).toContain('<link rel="preload" href="/api/v1/auth/session" as="fetch" crossorigin="anonymous" />');
      expect(html).toContain(`<link rel="preload" href="/vendor/${version}/chart.umd.min.js" as="script" />`);
      expect(html).not.toContain('pages/cases.js'); // other pages load when visited
      expect(html).not.toContain('pages/journey-editor.js'); // an empty workspace's map loads the editor's form itself
      expect(html).toContain(`<link rel="icon" type="image/svg+xml" href="/assets/v/${version}/favicon.svg" />`);
      const icon = await raw('/favicon.ico');
      expect([icon.status, icon.headers['content-type']]).toEqual([200, 'image/svg+xml']);
      expect(icon.body.toString('utf8')).toContain('<svg');

      const again = await raw('/', { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);

      for (const path of [`/assets/v/${version}/js/main.js`, `/assets/v/${version}/app.css`, `/vendor/${version}/chart.umd.min.js`]) {
        const res = await raw(path);
        expect([path, res.status, res.headers['cache-control']]).toEqual([path, 200, 'public, max-age=31536000, immutable']);
      }
      // The unversioned URLs stay for anything else that links them, revalidated each time.
      const unversioned = await raw('/assets/js/main.js');
      expect(unversioned.headers['cache-control']).toBe('no-cache');
      expect(unversioned.headers.etag).toBeTruthy();
      // The version's wildcard reaches nothing outside assets/.
      for (const dots of ['../../..', '%2e%2e/%2e%2e/%2e%2e']) {
        expect([403, 404]).toContain((await raw(`/assets/v/${version}/${dots}/package.json`)).status);
      }
    });
  });

  // Point 10: the queue board (bull-board) is another app: its own tab, and no fonts fetched from Google.
  it('opens the queue board in a new tab, without third-party fonts', async () => {
    const link = rig.page.locator('a.nav-link[href="/admin/queues"]');
    expect([await link.getAttribute('target'), await link.getAttribute('rel')]).toEqual(['_blank', 'noopener']);
    const board = await (await login(rig.ctx)).call('get', '/admin/queues').expect(200);
    expect(board.text).toContain('<div id="root">');
    expect(board.text).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
  });
});
