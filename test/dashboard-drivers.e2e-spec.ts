import { Browser, Page } from 'playwright-core';
import type { DriversResponse } from '@cairn/drivers';
import { createUser, launchBrowser, listen, newContext, PHONE, screenshot, settled, signIn } from './dashboard-helpers';
import { seedSyntheticJourney, type SeededJourney } from './drivers.fixtures';
import { expectAccessible } from './utils/axe-check';
import { startTestApi, TestContext } from './utils/test-app';

describe('dashboard in the browser: key drivers of the relationship score', () => {
  let ctx: TestContext;
  let base: string;
  let browser: Browser;
  let page: Page;
  let seeded: SeededJourney;
  let viewer: { email: string; password: string };

  beforeAll(async () => {
    ctx = await startTestApi();
    base = await listen(ctx);
    seeded = await seedSyntheticJourney(ctx, 3, Date.now());
    viewer = await createUser(ctx, 'viewer');
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await signIn(page, base, viewer.email, viewer.password);
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  it("shows the relationship score on the map's header and leads to the drivers: scatter, fix first, touchpoints, themes", async () => {
    await page.goto(`${base}/#/journeys/${seeded.journeyId}`);
    await settled(page);
    const trend = (await ctx.api('get', `/api/v1/journeys/${seeded.journeyId}/relationship-trend`).expect(200)).body;
    const last = trend.series.filter((p: { score: number | null }) => p.score !== null).pop();
    const score = page.getByTestId('relationship-score');
    await score.waitFor();
    expect(await score.textContent()).toBe(new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(last.score));
    expect(await page.getByTestId('relationship-trend').locator('svg path').getAttribute('d')).toMatch(/^M/);

    await page.getByTestId('drivers-link').click();
    await page.waitForURL(/#\/journeys\/[^/]+\/drivers$/);
    await settled(page);
    const api = (
      await ctx
        .api('get', `/api/v1/journeys/${seeded.journeyId}/drivers`)
        .query({ since: new Date(Date.now() - 90 * 86_400_000).toISOString(), until: new Date().toISOString() })
        .expect(200)
    ).body as DriversResponse;
    const names = api.drivers.map((d) => d.name);
    // The table lists the touchpoints most important first, as the API ranks them; strong leads, rare has no verdict.
    const rows = page.getByTestId('driver-row');
    expect(await rows.locator('td:first-child').allTextContents()).toEqual(names);
    expect(names[0]).toBe('strong');
    expect(await rows.first().getByTestId('driver-quadrant').textContent()).toBe('Fix first');
    expect(await rows.filter({ hasText: 'rare' }).getByTestId('driver-quadrant').textContent()).toBe('No verdict yet');
    // Fix first: important and weaker than average.
    const fixFirst = await page.getByTestId('fix-first').locator('li a').allTextContents();
    expect(fixFirst).toEqual(api.drivers.filter((d) => d.quadrant === 'fix_first').map((d) => d.name));
    expect(fixFirst).toContain('strong');
    // The scatter is drawn by Chart.js with one point per touchpoint that has a verdict.
    const points = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=drivers-chart] canvas');
      const chart = (
        window as unknown as { Chart: { getChart: (c: Element) => { data: { datasets: Array<{ data: unknown[] }> } } } }
      ).Chart.getChart(canvas!);
      return chart.data.datasets[0].data.length;
    });
    expect(points).toBe(api.drivers.filter((d) => d.quadrant !== null).length);
    // Themes: delivery goes with lower relationship scores.
    const themeRows = page.getByTestId('theme-driver-row');
    expect(await themeRows.first().locator('td').first().textContent()).toBe('Delivery');
    expect(await themeRows.first().textContent()).toContain('Goes with lower scores');
    await expectAccessible(page, 'drivers');
    await screenshot(page, 'drivers');
  });

  it('a journey without a relationship survey says so; on a phone the page reads as well', async () => {
    const plain = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Store visits', stages: [{ name: 'Visit' }] })
      .expect(201);
    await page.goto(`${base}/#/journeys/${plain.body.id}/drivers`);
    await settled(page);
    expect(await page.locator('.empty').textContent()).toContain('no relationship survey yet');

    const phone = await (await newContext(browser, PHONE)).newPage();
    await signIn(phone, base, viewer.email, viewer.password);
    await phone.goto(`${base}/#/journeys/${seeded.journeyId}/drivers`);
    await settled(phone);
    await phone.getByTestId('fix-first').waitFor();
    await expectAccessible(phone, 'drivers on a phone');
    await screenshot(phone, 'drivers-phone');
  });
});
