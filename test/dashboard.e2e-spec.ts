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
import { parse } from 'csv-parse/sync';
import jsQR from 'jsqr';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { answerColors } from '../apps/web/assets/js/score-scale.js';
import { CommentAnalysisService } from '@cairn/insights';
import { expectAccessible } from './utils/axe-check';
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
    // The demo's comments analysed as the worker's analyse-comments job would (this file runs no worker).
    await ctx.app.get(CommentAnalysisService).analyseWorkspace({ workspaceId: ctx.workspaceId });
    expect((await ctx.api('get', '/api/v1/themes').expect(200)).body.analysis.pending).toBe(0);
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
      await expectAccessible(guest, 'login form with its error');
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
    // Under each stage: its most mentioned comment themes, with what each costs or earns, as the map view reads them.
    const { since, until } = await pageRange(page);
    const view = (await ctx.api('get', `/api/v1/dashboard/map-view/${journeyId}?since=${since}&until=${until}&tz=${TIMEZONE}`).expect(200))
      .body;
    const stageThemes = view.stageThemes as Array<{ stageId: string; themes: Array<{ theme: string; name: string; mentions: number }> }>;
    expect(stageThemes.some((s) => s.themes.length > 0)).toBe(true);
    for (const stage of stages) {
      const themes = stageThemes.find((s) => s.stageId === stage.id)?.themes ?? [];
      expect(themes.length).toBeLessThanOrEqual(3);
      const shown = page.locator(`[data-stage-id="${stage.id}"]`).getByTestId('stage-theme');
      expect(await shown.locator('.stage-theme-name').allTextContents()).toEqual(themes.map((t) => t.name));
      expect(await shown.locator('.stage-theme-figures').allTextContents()).toEqual(
        themes.map((t) => expect.stringMatching(new RegExp(`^${t.mentions} mentions, [+-]?\\d`))),
      );
    }
    await expectAccessible(page, 'journey map');
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
    await expectAccessible(page, 'journey map with low-n cards');
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

    // Score chips in the map cards' red–blue scale (the colour a card of such answers would have): every detractor
    // deep red, every passive on the anchor (light blue), every promoter deep blue.
    const chips = await page
      .getByTestId('comment-score')
      .evaluateAll((els) => els.map((e) => ({ score: Number(e.textContent), background: getComputedStyle(e).backgroundColor })));
    expect(chips.length).toBeGreaterThan(1);
    for (const { score, background } of chips) {
      const expected = answerColors('nps', score);
      expect([score, expected.index, background]).toEqual([score, score >= 9 ? 5 : score >= 7 ? 3 : 0, rgb(expected.tint)]);
    }

    // The period's answers as CSV, the very rows the scores count (NPS is this touchpoint's only survey).
    const csv = await page.evaluate(
      async (href) => {
        const res = await fetch(href!);
        return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
      },
      await page.getByTestId('csv-export').getAttribute('href'),
    );
    expect([csv.status, csv.type]).toEqual([200, 'text/csv; charset=utf-8']);
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(api.n);
    expect(new Set(rows.map((r) => r.touchpointId))).toEqual(new Set([id]));

    // Two segments side by side, each the API's score for that segment; another choice re-reads that side.
    const compare = page.getByTestId('segment-compare');
    await compare.getByTestId('compare-difference').waitFor();
    const scoreOf = async (choice: string) => {
      const at = choice.indexOf(':');
      const segment = `segment.${encodeURIComponent(choice.slice(0, at))}=${encodeURIComponent(choice.slice(at + 1))}`;
      const q = `touchpointId=${id}&metric=nps&since=${since}&until=${until}&tz=${TIMEZONE}&${segment}`;
      return formatScore('nps', (await ctx.api('get', `/api/v1/scores?${q}`).expect(200)).body.score);
    };
    const pair = [await compare.getByTestId('compare-1').inputValue(), await compare.getByTestId('compare-2').inputValue()];
    expect(pair[0]).not.toBe(pair[1]);
    expect(await compare.getByTestId('compare-score').allTextContents()).toEqual([await scoreOf(pair[0]), await scoreOf(pair[1])]);
    const choices = await compare
      .getByTestId('compare-2')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const third = choices.find((c) => !pair.includes(c))!;
    await compare.getByTestId('compare-2').selectOption(third);
    await waitFor(
      async () => (await compare.getByTestId('compare-side').nth(1).locator('.kpi-label').textContent()) === third.replace(':', ': '),
      10_000,
      'the second side re-read',
    );
    expect(await compare.getByTestId('compare-score').allTextContents()).toEqual([await scoreOf(pair[0]), await scoreOf(third)]);
    await expectAccessible(page, 'touchpoint page');
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

  it('ranks the themes by impact, filters comments by theme and sentiment and marks the theme words', async () => {
    await page.locator('[data-testid=touchpoint-card]', { hasText: 'Delivery' }).first().click();
    await page.waitForURL(/#\/touchpoints\//);
    await settled(page);
    const id = /touchpoints\/([^?]+)/.exec(page.url())![1];
    const { since, until } = await pageRange(page);
    const scope = `touchpointId=${id}&metric=nps&since=${since}&until=${until}&tz=${TIMEZONE}`;
    type Insight = { theme: string; name: string; mentions: number; share: number; impact: number | null };
    const insights = (await ctx.api('get', `/api/v1/insights/themes?${scope}`).expect(200)).body;
    const ranked = (insights.data as Insight[])
      .filter((d) => d.impact !== null)
      .sort((a, b) => a.impact! - b.impact! || b.mentions - a.mentions);
    expect(ranked.length).toBeGreaterThan(2);
    expect(ranked[0].impact).toBeLessThan(0);
    expect(ranked[ranked.length - 1].impact).toBeGreaterThan(0);
    const bars = page.getByTestId('theme-bar');
    await bars.first().waitFor();
    // Most costly first: the order of the bars is the order of impact, each with its mentions and share written.
    expect(await bars.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.theme))).toEqual(ranked.map((d) => d.theme));
    expect(await bars.getByTestId('theme-mentions').allTextContents()).toEqual(
      ranked.map((d) => `${d.mentions.toLocaleString('en')} mentions · ${Math.round(d.share * 100)}% of comments`),
    );
    expect(await bars.first().getByTestId('theme-impact').textContent()).toMatch(/^costs \d/);
    expect(await bars.last().getByTestId('theme-impact').textContent()).toMatch(/^earns \d/);
    // Red-side for a cost, blue-side for a gain, as the cards.
    const fills = await bars.locator('.theme-bar-fill').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    expect(['rgb(178, 24, 43)', 'rgb(214, 96, 77)', 'rgb(244, 165, 130)']).toContain(fills[0]);
    expect(['rgb(146, 197, 222)', 'rgb(67, 147, 195)', 'rgb(33, 102, 172)']).toContain(fills[fills.length - 1]);
    expect(await page.getByTestId('themes-pending').count()).toBe(0);

    // Theme filter: the API's comments for the theme, each with its chip and the theme's words in <mark>.
    await page.getByTestId('comment').first().waitFor();
    await page.getByTestId('comment-theme').selectOption('delivery');
    type Comment = { comment: string; analysis: { sentiment: { label: string }; mentions: Array<{ start: number; end: number }> } };
    const expected = (await ctx.api('get', `/api/v1/dashboard/comments?${scope}&theme=delivery&limit=10`).expect(200)).body
      .data as Comment[];
    expect(expected.length).toBeGreaterThan(0);
    const texts = () => page.getByTestId('comment-text').allTextContents();
    await waitFor(
      async () => JSON.stringify(await texts()) === JSON.stringify(expected.map((c) => c.comment)),
      10_000,
      'the delivery comments',
    );
    const chips = await page
      .getByTestId('comment')
      .evaluateAll((els) =>
        els.map((e) => Array.from(e.querySelectorAll<HTMLElement>('[data-testid=comment-theme-chip]'), (c) => c.dataset.theme)),
      );
    expect(chips.every((themes) => themes.includes('delivery'))).toBe(true);
    const marks = await page
      .getByTestId('comment-text')
      .evaluateAll((els) => els.map((e) => Array.from(e.querySelectorAll('mark'), (m) => m.textContent)));
    expect(marks).toEqual(expected.map((c) => mergedSlices(c.comment, c.analysis.mentions)));
    expect(marks.flat()).toEqual(expect.arrayContaining(['delivery']));
    await expectAccessible(page, 'touchpoint page with themes');
    await screenshot(page, 'touchpoint-themes');

    // Sentiment on top of the theme: every comment says its sentiment in words.
    await page.getByTestId('comment-sentiment').selectOption('negative');
    const negative = (await ctx.api('get', `/api/v1/dashboard/comments?${scope}&theme=delivery&sentiment=negative&limit=10`).expect(200))
      .body.data as Comment[];
    expect(negative.length).toBeGreaterThan(0);
    expect(negative.length).toBeLessThan(expected.length);
    await waitFor(
      async () => JSON.stringify(await texts()) === JSON.stringify(negative.map((c) => c.comment)),
      10_000,
      'the negative delivery comments',
    );
    expect(new Set(await page.getByTestId('comment-sentiment-label').allTextContents())).toEqual(new Set(['☹ Negative']));

    // A theme change re-reads every comment (no worker here, so it waits): the section says how far it is.
    await ctx
      .api('post', '/api/v1/themes')
      .send({ key: 'gift_wrapping', name: { en: 'Gift wrapping' }, keywords: { en: ['gift wrapping'] } })
      .expect(201);
    const progress = (await ctx.api('get', '/api/v1/themes').expect(200)).body.analysis;
    expect(progress.pending).toBeGreaterThan(0);
    await page.reload();
    await settled(page);
    await page.getByTestId('themes-pending').waitFor();
    expect(await page.getByTestId('themes-pending').textContent()).toBe(
      `Comments are being analysed: ${progress.analysed.toLocaleString('en')} of ${progress.comments.toLocaleString('en')} done.`,
    );
    // A period without comments says so in a sentence rather than drawing an empty chart.
    await page.goto(`${base}/#/touchpoints/${id}?since=2020-01-01&until=2020-02-01`);
    await settled(page);
    await page.getByTestId('themes-empty').waitFor();
    expect(await page.getByTestId('themes-empty').textContent()).toBe('No answer in this period has an analysed comment yet.');
  });

  it('a touchpoint shows its QR code with SVG and PNG downloads and the kiosk link; comments say where they came from', async () => {
    const tp = await ctx.prisma.touchpoint.findFirstOrThrow({ where: { journeyId, name: 'Delivery' } });
    // A kiosk answer with a comment: the newest comment, so the first in the list.
    await ctx
      .http()
      .post(`/t/${tp.key}?w=default&kiosk=1`)
      .set('accept', 'application/json')
      .send({ score: 10, comment: 'Lovely driver', device: 'dashboard-test-kiosk' })
      .expect(201);
    const links = (await ctx.api('get', `/api/v1/touchpoints/${tp.id}/links`).expect(200)).body;

    await page.goto(`${base}/#/touchpoints/${tp.id}`);
    await settled(page);
    const panel = page.getByTestId('qr-panel');
    await panel.getByTestId('qr-link').waitFor();
    expect(await panel.getByTestId('qr-link').textContent()).toBe(links.answer);
    expect(await panel.getByTestId('qr-kiosk-link').textContent()).toBe(`${links.answer}&kiosk=1`);
    expect(await panel.getByTestId('qr-stats').textContent()).toMatch(/1 at the kiosk, 0 refused/);
    // The code itself, loaded with the session cookie.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid=qr-image]');
      return img?.complete && img.naturalWidth > 0;
    });
    const [png] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('qr-download-png').click()]);
    expect(png.suggestedFilename()).toBe(`${tp.key}-qr.png`);
    const image = PNG.sync.read(readFileSync((await png.path())!));
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(links.answer);
    const [svg] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('qr-download-svg').click()]);
    expect(svg.suggestedFilename()).toBe(`${tp.key}-qr.svg`);
    expect(readFileSync((await svg.path())!, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

    const first = page.getByTestId('comment').first();
    await first.waitFor();
    expect(await first.getByTestId('comment-text').textContent()).toBe('Lovely driver');
    expect(await first.getByTestId('comment-source').textContent()).toBe('at the kiosk');
    const sources = await page.getByTestId('comment-source').allTextContents();
    expect(sources.length).toBeGreaterThan(1);
    expect(sources.slice(1).every((text) => ['by email', 'on the website', 'in the app'].includes(text))).toBe(true);
    await screenshot(page, 'touchpoint-qr');
  });

  it("opens the answer a permalink points at (#/touchpoints/…?response=…, as Delighted's permalink) on its own card first", async () => {
    const { body } = await ctx.api('get', '/api/v1/responses?limit=50').expect(200);
    const response = (body.data as Array<{ id: string; touchpointId: string; comment: string | null; score: number }>).find(
      (r) => r.comment && r.touchpointId,
    )!;
    await page.goto(`${base}/#/touchpoints/${response.touchpointId}?response=${response.id}`);
    const card = page.getByTestId('linked-answer');
    await card.waitFor();
    expect(await card.getAttribute('data-response-id')).toBe(response.id);
    expect(await card.getByTestId('comment-text').textContent()).toBe(response.comment);
    expect(await card.getByTestId('comment-score').textContent()).toBe(String(response.score));
    // It comes before the page's charts; an unknown id just leaves the card out.
    expect(await page.locator('[data-testid=linked-answer] ~ * canvas').count()).toBeGreaterThan(0);
    await page.goto('about:blank');
    await page.goto(`${base}/#/touchpoints/${response.touchpointId}?response=00000000-0000-7000-8000-000000000000`);
    await page.getByTestId('comments').waitFor();
    expect(await page.getByTestId('linked-answer').count()).toBe(0);
  });

  it('filters comments with real tabs: one tab stop, arrow keys select, the list is the panel they control', async () => {
    await page.locator('[data-testid=touchpoint-card]', { hasText: 'Delivery' }).first().click();
    await settled(page);
    await page.getByTestId('comment').first().waitFor();
    const tablist = page.getByRole('tablist', { name: 'Comments by score' });
    const tabs = tablist.getByRole('tab');
    expect(await tabs.count()).toBe(4);
    const state = () =>
      tabs.evaluateAll((els) =>
        els.map((e) => [e.getAttribute('aria-selected'), (e as HTMLElement).tabIndex, e.getAttribute('aria-controls')]),
      );
    const list = page.getByTestId('comments-panel');
    const listId = await list.getAttribute('id');
    expect(await list.getAttribute('role')).toBe('tabpanel');
    expect(await state()).toEqual([
      ['true', 0, listId],
      ['false', -1, listId],
      ['false', -1, listId],
      ['false', -1, listId],
    ]);
    expect(await list.getAttribute('aria-labelledby')).toBe(await tabs.first().getAttribute('id'));
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('comments-low');
    expect((await state()).map(([selected]) => selected)).toEqual(['false', 'true', 'false', 'false']);
    expect(await list.getAttribute('aria-labelledby')).toBe(await page.getByTestId('comments-low').getAttribute('id'));
    await waitFor(
      async () => {
        const bands = await page.getByTestId('comment').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.band));
        return bands.length > 0 && bands.every((b) => b === 'low');
      },
      10_000,
      'the low tab filters the list',
    );
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('comments-high');
    await page.keyboard.press('ArrowRight'); // wraps around
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('comments-all');
  });

  it('keyboard: a skip link first, a focus ring that shows on white, live regions only where text changes', async () => {
    await page.goto('about:blank');
    await page.goto(`${base}/#/journeys/${journeyId}`);
    await settled(page);
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    expect(await skip.evaluate((e) => e === document.activeElement)).toBe(true);
    const box = (await skip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0); // shown once focused
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
    expect(page.url()).toContain(`#/journeys/${journeyId}`); // the route stays

    // Tab on to a link of the white sidebar: its ring is there and stands out from white by at least 3:1 (WCAG 1.4.11).
    await page.getByTestId('skip-link').focus();
    let onNav = false;
    for (let i = 0; i < 12 && !onNav; i++) {
      await page.keyboard.press('Tab');
      onNav = await page.evaluate(() => document.activeElement?.classList.contains('nav-link') ?? false);
    }
    expect(onNav).toBe(true);
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(contrastWithWhite(ring.color)).toBeGreaterThanOrEqual(3);

    // Nothing wraps the whole page in a live region: only status and alert lines are announced.
    const live = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[aria-live], [role=status], [role=alert]')).map((e) => ({
        id: e.id,
        containsHeading: !!e.querySelector('h1'),
      })),
    );
    expect(live.filter((region) => region.id === 'app' || region.containsHeading)).toEqual([]);
    expect(await page.locator('#app').getAttribute('aria-live')).toBeNull();
  });
});

/** WCAG contrast of an rgb()/rgba() colour against white. */
function contrastWithWhite(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (l + 0.05);
}

function shiftDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** '#b2182b' as getComputedStyle writes it. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/** The text of each <mark> the page should draw: the API's ranges with overlapping ones merged. */
function mergedSlices(text: string, mentions: Array<{ start: number; end: number }>): string[] {
  const merged: Array<{ start: number; end: number }> = [];
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
    else merged.push({ ...m });
  }
  return merged.map((m) => text.normalize('NFC').slice(m.start, m.end));
}
