import { loadavg } from 'node:os';
import { BrowserContext, Page } from 'playwright-core';
import { DashboardRig, newContext, startDashboard } from './dashboard-helpers';

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

  /** Opens the map in `page` and returns the ms until the emotion curve is drawn, and every response on the way. */
  async function loadMap(page: Page): Promise<{ ms: number; seen: Seen[] }> {
    const seen: Seen[] = [];
    const pending: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
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
        })(),
      );
    });
    const started = Date.now();
    await page.goto(`${rig.base}/#/journeys/${rig.journeyId}`);
    // Drawn: the view finished and Chart.js owns the curve's canvas.
    await page.waitForFunction(() => {
      const view = document.querySelector<HTMLElement>('.view');
      const canvas = document.querySelector('.curve canvas');
      const chart = (window as unknown as { Chart?: { getChart: (c: Element) => unknown } }).Chart;
      return view?.dataset.ready === 'true' && !!canvas && !!chart?.getChart(canvas);
    });
    const ms = Date.now() - started;
    await Promise.all(pending);
    return { ms, seen };
  }

  function report(label: string, ms: number, seen: Seen[]): void {
    const wire = seen.reduce((sum, s) => sum + s.wireBytes, 0);
    const fromNetwork = seen.filter((s) => s.status !== 304).length;
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    // Printed on purpose: the figure issue 20 asks to watch (goal: < 1 s on localhost).
    process.stdout.write(
      `[first-load] ${label}: map drawn in ${ms} ms, ${seen.length} requests (${fromNetwork} not 304), ${(wire / 1024).toFixed(1)} KB on the wire; load average ${load}\n`,
    );
  }

  it('draws the map fast on a cold cache, with every text response compressed and static files cacheable', async () => {
    const cookies = await rig.page.context().cookies();
    const context: BrowserContext = await newContext(rig.browser);
    try {
      await context.addCookies(cookies);
      const page = await context.newPage();
      const cold = await loadMap(page);
      report('cold cache', cold.ms, cold.seen);

      const local = cold.seen.filter((s) => s.url.startsWith(rig.base));
      const text = local.filter((s) => /^(text\/|application\/(json|javascript))/.test(s.headers['content-type'] ?? ''));
      const uncompressed = text.filter((s) => s.bodyBytes > 1024 && !/^(br|gzip)$/.test(s.headers['content-encoding'] ?? ''));
      expect(uncompressed.map((s) => s.url)).toEqual([]);

      const page0 = local.find((s) => new URL(s.url).pathname === '/')!;
      expect(page0.headers['cache-control']).toBe('no-cache');
      expect(page0.headers.etag).toBeTruthy();
      const statics = local.filter((s) => /\.(js|css)$/.test(new URL(s.url).pathname));
      expect(statics.length).toBeGreaterThan(3);
      for (const s of statics) expect([s.url, s.headers['cache-control']]).toEqual([s.url, 'public, max-age=31536000, immutable']);

      // The same map again: the page revalidates, every script and stylesheet comes from the cache.
      const warm = await loadMap(await context.newPage());
      report('warm cache', warm.ms, warm.seen);
      const refetched = warm.seen.filter(
        (s) => /\.(js|css)$/.test(new URL(s.url).pathname) && s.url.startsWith(rig.base) && s.wireBytes > 0,
      );
      expect(refetched.map((s) => s.url)).toEqual([]);
      expect(cold.ms).toBeLessThan(5000);
    } finally {
      await context.close();
    }
  });
});
