import { Page } from 'playwright-core';
import {
  DashboardRig,
  formatScore,
  newContext,
  pageRange,
  screenshot,
  settled,
  signIn,
  startDashboard,
  TIMEZONE,
} from './dashboard-helpers';
import { TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

interface MapTouchpoint {
  id: string;
  name: string;
  metric: string | null;
  score: number | null;
  n: number;
  reliable: boolean;
}
interface MapStage {
  id: string;
  name: string;
  touchpoints: MapTouchpoint[];
}

describe('dashboard in the browser (sign-in, journey map, touchpoint)', () => {
  let ctx: TestContext;
  let base: string;
  let journeyId: string;
  let page: Page;

  let rig: DashboardRig;

  beforeAll(async () => {
    rig = await startDashboard();
    ({ ctx, base, journeyId, page } = rig);
  });
  afterAll(() => rig?.close());

  // Every test starts signed in on the journey map with the default range, whatever ran before
  // (a blank page first: a change of hash alone would keep the previous view's state).
  beforeEach(async () => {
    await page.goto('about:blank');
    await page.goto(`${base}/#/journeys/${journeyId}`);
    await page.getByTestId('touchpoint-card').first().waitFor();
    await settled(page);
  });

  async function expectMapMatchesApi(filter = ''): Promise<MapStage[]> {
    const { since, until } = await pageRange(page);
    const map = await ctx.api('get', `/api/v1/journeys/${journeyId}/map?since=${since}&until=${until}&tz=${TIMEZONE}${filter}`).expect(200);
    const stages: MapStage[] = map.body.stages;
    await waitFor(async () => (await page.getByTestId('stage').count()) === stages.length, 10_000, 'stages drawn');
    expect(await page.locator('.stage-head h2').allTextContents()).toEqual(stages.map((s) => s.name));
    for (const stage of stages) {
      const column = page.locator(`[data-stage-id="${stage.id}"]`);
      expect(await column.getByTestId('touchpoint-card').count()).toBe(stage.touchpoints.length);
      for (const tp of stage.touchpoints) {
        const card = column.locator(`[data-touchpoint-id="${tp.id}"]`);
        expect(await card.locator('.tp-name').textContent()).toBe(tp.name);
        expect(await card.getAttribute('data-score')).toBe(String(tp.score ?? ''));
        expect(await card.getByTestId('score').textContent()).toBe(formatScore(tp.metric!, tp.score));
        expect(await card.getByTestId('n').textContent()).toBe(`n = ${tp.n.toLocaleString('en')}`);
        expect(await card.getByTestId('low-n').count()).toBe(tp.reliable ? 0 : 1);
      }
    }
    return stages;
  }

  it('shows a login form, refuses a wrong password, then signs in to the journey map', async () => {
    // A browser of its own without a session, so this test neither needs nor leaves one.
    const fresh = await newContext(rig.browser);
    try {
      const guest = await fresh.newPage();
      await guest.goto(`${base}/`);
      await guest.getByTestId('login-email').fill('admin@localhost');
      await guest.getByTestId('login-password').fill('wrong password');
      await guest.getByTestId('login-submit').click();
      await guest.getByRole('alert').filter({ hasText: 'Email or password is wrong' }).waitFor();
      await signIn(guest, base);
      await guest.waitForURL(new RegExp(`#/journeys/${journeyId}`));
      await guest.getByTestId('touchpoint-card').first().waitFor();
    } finally {
      await fresh.close();
    }
  });

  it('shows every stage and touchpoint with the scores, n and reliability the API returns', async () => {
    const stages = await expectMapMatchesApi();
    expect(stages.flatMap((s) => s.touchpoints).length).toBe(11);
    // The emotion curve is a Chart.js chart with one point per stage.
    const points = await page.evaluate(
      () =>
        (window as unknown as { Chart: { getChart(c: Element): { data: { datasets: Array<{ data: unknown[] }> } } } }).Chart.getChart(
          document.querySelector('.curve canvas')!,
        )!.data.datasets[0].data.length,
    );
    expect(points).toBe(stages.length);
    await screenshot(page, 'journey-map');
  });

  it('changes the date range: the map follows the API and flags low-n scores', async () => {
    await page.getByTestId('range-preset').selectOption('7');
    await page.waitForURL(/since=/);
    await settled(page);
    expect(await page.getByTestId('range-preset').inputValue()).toBe('7');
    const stages = await expectMapMatchesApi();
    const unreliable = stages.flatMap((s) => s.touchpoints).filter((t) => !t.reliable);
    expect(unreliable.length).toBeGreaterThan(0);
    await screenshot(page, 'journey-map-7-days');
    await page.getByTestId('range-preset').selectOption('90');
    await settled(page);
    expect(await page.getByTestId('low-n').count()).toBe(0);
  });

  it('filters the map by segment', async () => {
    const all = await expectMapMatchesApi();
    await page.getByTestId('segment').selectOption('plan:pro');
    await page.waitForURL(/seg=plan%3Apro/);
    await settled(page);
    const pro = await expectMapMatchesApi('&segment.plan=pro');
    expect(pro[0].touchpoints[0].n).toBeLessThan(all[0].touchpoints[0].n);
    await page.getByTestId('segment').selectOption('');
    await settled(page);
  });

  it('opens a touchpoint: KPIs, chart with 95% band, distribution and comments as the API gives them', async () => {
    await page.locator('[data-testid=touchpoint-card]', { hasText: 'Delivery' }).first().click();
    await page.waitForURL(/#\/touchpoints\//);
    await settled(page);
    const id = /touchpoints\/([^?]+)/.exec(page.url())![1];
    const { since, until } = await pageRange(page);
    const api = (
      await ctx
        .api('get', `/api/v1/scores?touchpointId=${id}&metric=nps&interval=week&since=${since}&until=${until}&tz=${TIMEZONE}`)
        .expect(200)
    ).body;
    expect(await page.getByTestId('tp-score').textContent()).toBe(formatScore('nps', api.score));
    expect(await page.getByTestId('tp-n').textContent()).toBe(api.n.toLocaleString('en'));
    expect(await page.getByTestId('tp-previous').textContent()).toBe(formatScore('nps', api.previous.score));
    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas')).map((c) => {
        const chart = (
          window as unknown as {
            Chart: { getChart(c: Element): { config: { type: string }; data: { datasets: Array<{ data: unknown[] }> } } | undefined };
          }
        ).Chart.getChart(c);
        return (
          chart && { type: chart.config.type, lengths: chart.data.datasets.map((d) => d.data.length), first: chart.data.datasets[0].data }
        );
      }),
    );
    // Score over time: band low/high and the score line, one point per interval.
    expect(charts[0]).toEqual({
      type: 'line',
      lengths: [api.series.length, api.series.length, api.series.length],
      first: api.series.map((p: { ci95: number[] | null }) => p.ci95?.[1] ?? null),
    });
    // Distribution: every value 0–10 with its count.
    expect(charts[1]).toMatchObject({ type: 'bar', first: api.distribution.map((d: { count: number }) => d.count) });
    expect(await page.getByTestId('survey-link').count()).toBe(1);
    await page.getByTestId('comment').first().waitFor();
    await screenshot(page, 'touchpoint');

    await page.getByTestId('comments-low').click();
    await waitFor(
      async () => {
        const bands = await page.getByTestId('comment').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.band));
        return bands.length > 0 && bands.every((b) => b === 'low');
      },
      10_000,
      'only detractor comments',
    );
    await page.getByTestId('comments-all').click();
    await page.getByTestId('comment-search').fill('late');
    await waitFor(
      async () => {
        const texts = await page.getByTestId('comment').locator('p').allTextContents();
        return texts.length > 0 && texts.every((t) => t.toLowerCase().includes('late'));
      },
      10_000,
      'comments matching the search',
    );

    // Changing the date range reloads the numbers for that range.
    await page.getByTestId('range-from').fill(shiftDays(until, -30));
    await settled(page);
    const narrowed = await pageRange(page);
    expect(narrowed.since).toBe(shiftDays(until, -30));
    const api30 = (
      await ctx
        .api('get', `/api/v1/scores?touchpointId=${id}&metric=nps&since=${narrowed.since}&until=${narrowed.until}&tz=${TIMEZONE}`)
        .expect(200)
    ).body;
    expect(api30.n).toBeLessThan(api.n);
    expect(await page.getByTestId('tp-n').textContent()).toBe(api30.n.toLocaleString('en'));
  });
});

function shiftDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
