import { Browser, Locator, Page } from 'playwright-core';
import { createJourney as scoreJourney, addCounts, addResponse } from './scores-fixtures';
import { createUser, DESKTOP, launchBrowser, listen, newContext, PHONE, screenshot, settled, signIn, TIMEZONE } from './dashboard-helpers';
import { expectAccessible } from './utils/axe-check';
import { startTestApi, TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

// Issue 20, points 4 and 5: a manager builds and reorders the journey map in the
// browser (drag, and the keyboard through the move buttons); cards are coloured
// on a scale anchored per metric, and the response rate says what it counts.
describe('dashboard in the browser (journey map editor, colours)', () => {
  let ctx: TestContext;
  let base: string;
  let browser: Browser;
  let page: Page;
  let journeyId: string;

  beforeAll(async () => {
    ctx = await startTestApi(); // no demo: the workspace starts empty
    base = await listen(ctx);
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await signIn(page, base);
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  /** Stage names in order with their touchpoints' names, from the database's positions. */
  async function layout(): Promise<string[][]> {
    const stages = await ctx.prisma.stage.findMany({
      where: { journeyId },
      orderBy: { position: 'asc' },
      include: { touchpoints: { orderBy: { position: 'asc' } } },
    });
    return stages.map((s) => [s.name, ...s.touchpoints.map((t) => t.name)]);
  }
  const layoutIs = (expected: string[][], what: string) =>
    waitFor(async () => JSON.stringify(await layout()) === JSON.stringify(expected), 10_000, what);

  const stage = (name: string) => page.locator(`[data-testid=editor-stage][aria-label="${name}"]`);
  const touchpoint = (name: string) => page.getByTestId('editor-touchpoint').filter({ hasText: name });

  async function addTouchpoint(stageName: string, name: string, channel = 'web'): Promise<void> {
    const column = stage(stageName);
    await column.locator('summary', { hasText: `Add a touchpoint to ${stageName}` }).click();
    await column.getByTestId('new-touchpoint-name').fill(name);
    await column.getByTestId('touchpoint-channel').selectOption(channel);
    await column.getByTestId('add-touchpoint').click();
    await page.getByTestId('editor-status').getByText(`${name} added to ${stageName}.`).waitFor();
  }

  it('builds a journey from the empty state: stages, touchpoints with keys from their names, a rename', async () => {
    await page.goto(`${base}/#/journeys`);
    await settled(page);
    expect(await page.getByText('POST /api/v1/journeys').count()).toBe(0);
    await expectAccessible(page, 'new-journey form of an empty workspace');
    await page.getByTestId('journey-name').fill('Online shop');
    await page.getByTestId('journey-stages').fill('Discover\nBuy\n\nReceive\n');
    await page.getByTestId('create-journey').click();
    await page.waitForURL(/#\/journeys\/[0-9a-f-]+\/edit$/);
    await page.getByTestId('editor-board').waitFor();
    journeyId = page.url().split('/journeys/')[1].split('/')[0];
    expect(await layout()).toEqual([['Discover'], ['Buy'], ['Receive']]);

    await addTouchpoint('Buy', 'Checkout page');
    await addTouchpoint('Buy', 'Payment');
    await addTouchpoint('Receive', 'Parcel arrives', 'delivery');
    const keys = await ctx.prisma.touchpoint.findMany({ where: { journeyId }, orderBy: { createdAt: 'asc' } });
    expect(keys.map((t) => [t.key, t.channel])).toEqual([
      ['checkout-page', 'web'],
      ['payment', 'web'],
      ['parcel-arrives', 'delivery'],
    ]);

    await stage('Discover').getByTestId('stage-name').fill('Awareness');
    await stage('Discover').getByTestId('stage-name').press('Enter');
    await page.getByTestId('editor-status').getByText('Renamed to Awareness.').waitFor();
    await page.getByTestId('new-stage-name').fill('Support');
    await page.getByTestId('add-stage').click();
    await page.getByTestId('editor-status').getByText('Stage Support added.').waitFor();
    expect(await page.getByTestId('new-stage-name').inputValue()).toBe('');
    expect(await layout()).toEqual([['Awareness'], ['Buy', 'Checkout page', 'Payment'], ['Receive', 'Parcel arrives'], ['Support']]);
    await expectAccessible(page, 'journey map editor');
    await screenshot(page, 'journey-editor');

    await page.getByTestId('view-map').click();
    await page.getByTestId('stage').first().waitFor();
    await settled(page);
    expect(await page.locator('.stage-head h2').allTextContents()).toEqual(['Awareness', 'Buy', 'Receive', 'Support']);
    expect(await page.getByTestId('touchpoint-card').count()).toBe(3);
    await expectAccessible(page, 'journey map without answers');
  });

  it('reorders stages and touchpoints by drag and drop, across stages too', async () => {
    await page.goto(`${base}/#/journeys/${journeyId}/edit`);
    await page.getByTestId('editor-board').waitFor();
    // Support's head onto the left half of Awareness: Support goes first.
    await stage('Support')
      .getByTestId('stage-handle')
      .dragTo(stage('Awareness').getByTestId('stage-handle'), { targetPosition: { x: 4, y: 4 } });
    await layoutIs([['Support'], ['Awareness'], ['Buy', 'Checkout page', 'Payment'], ['Receive', 'Parcel arrives']], 'stage dragged');
    await page.getByTestId('editor-status').getByText('Stage Support moved to position 1 of 4.').waitFor();
    // Payment onto the top half of Checkout page.
    await touchpoint('Payment').dragTo(touchpoint('Checkout page'), { targetPosition: { x: 10, y: 3 } });
    await layoutIs([['Support'], ['Awareness'], ['Buy', 'Payment', 'Checkout page'], ['Receive', 'Parcel arrives']], 'touchpoint dragged');
    // The board is drawn again after each move: measure the new one.
    await page.getByTestId('editor-status').getByText('Payment moved to position 1 of 2 in Buy.').waitFor();
    // Parcel arrives from Receive onto the bottom half of Checkout page, in Buy.
    const target = touchpoint('Checkout page');
    const box = (await target.boundingBox())!;
    await touchpoint('Parcel arrives').dragTo(target, { targetPosition: { x: 10, y: box.height - 3 } });
    await layoutIs([['Support'], ['Awareness'], ['Buy', 'Payment', 'Checkout page', 'Parcel arrives'], ['Receive']], 'moved across stages');
    await page.getByTestId('editor-status').getByText('Parcel arrives moved to position 3 of 3 in Buy.').waitFor();
  });

  // A finger: Chromium with touch emulation turns these touches into pointer events (pointerType "touch"), as a tablet does.
  it('reorders by finger too: a touch drag on the grip moves a touchpoint or a stage, and lifting drops it', async () => {
    const tablet = await (await browser.newContext({ viewport: DESKTOP, timezoneId: TIMEZONE, locale: 'en-US', hasTouch: true })).newPage();
    try {
      await signIn(tablet, base);
      await tablet.goto(`${base}/#/journeys/${journeyId}/edit`);
      await tablet.getByTestId('editor-board').waitFor();
      const cdp = await tablet.context().newCDPSession(tablet);
      const status = tablet.getByTestId('editor-status');
      /** Touches the grip of `from`, slides in steps, and lifts the finger at (x, y) of `to`'s box. */
      const fingerDrag = async (from: Locator, to: Locator, at: (box: { width: number; height: number }) => { x: number; y: number }) => {
        const grip = (await from.boundingBox())!;
        const box = (await to.boundingBox())!;
        const start = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
        const end = { x: box.x + at(box).x, y: box.y + at(box).y };
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
        for (let step = 1; step <= 5; step++) {
          const point = { x: start.x + ((end.x - start.x) * step) / 5, y: start.y + ((end.y - start.y) * step) / 5 };
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      };
      const tpOn = (name: string) => tablet.getByTestId('editor-touchpoint').filter({ hasText: name });
      const stageOn = (name: string) => tablet.locator(`[data-testid=editor-stage][aria-label="${name}"]`);

      // Parcel arrives onto the top half of Payment, then back below Checkout page.
      await fingerDrag(tpOn('Parcel arrives').getByTestId('touchpoint-grip'), tpOn('Payment'), () => ({ x: 10, y: 3 }));
      await layoutIs([['Support'], ['Awareness'], ['Buy', 'Parcel arrives', 'Payment', 'Checkout page'], ['Receive']], 'touch drag');
      await status.getByText('Parcel arrives moved to position 1 of 3 in Buy.').waitFor();
      await fingerDrag(tpOn('Parcel arrives').getByTestId('touchpoint-grip'), tpOn('Checkout page'), (b) => ({ x: 10, y: b.height - 3 }));
      await layoutIs([['Support'], ['Awareness'], ['Buy', 'Payment', 'Checkout page', 'Parcel arrives'], ['Receive']], 'touch drag back');
      await status.getByText('Parcel arrives moved to position 3 of 3 in Buy.').waitFor();
      // Support onto the right half of Awareness's head, then back onto its left half.
      await fingerDrag(stageOn('Support').getByTestId('stage-grip'), stageOn('Awareness').getByTestId('stage-handle'), (b) => ({
        x: b.width - 4,
        y: 4,
      }));
      await layoutIs([['Awareness'], ['Support'], ['Buy', 'Payment', 'Checkout page', 'Parcel arrives'], ['Receive']], 'stage by touch');
      await status.getByText('Stage Support moved to position 2 of 4.').waitFor();
      await fingerDrag(stageOn('Support').getByTestId('stage-grip'), stageOn('Awareness').getByTestId('stage-handle'), () => ({
        x: 4,
        y: 4,
      }));
      await layoutIs(
        [['Support'], ['Awareness'], ['Buy', 'Payment', 'Checkout page', 'Parcel arrives'], ['Receive']],
        'stage back by touch',
      );
    } finally {
      await tablet.context().close();
    }
  });

  it('reorders with the keyboard alone: move buttons keep the focus on the moved item and announce the move', async () => {
    await page.goto(`${base}/#/journeys/${journeyId}/edit`);
    await page.getByTestId('editor-board').waitFor();
    const status = page.getByTestId('editor-status');
    await page.getByRole('button', { name: 'Move Payment down' }).focus();
    await page.keyboard.press('Enter');
    await layoutIs([['Support'], ['Awareness'], ['Buy', 'Checkout page', 'Payment', 'Parcel arrives'], ['Receive']], 'moved down');
    await status.getByText('Payment moved to position 2 of 3 in Buy.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Payment down');
    await page.keyboard.press('Space');
    await layoutIs([['Support'], ['Awareness'], ['Buy', 'Checkout page', 'Parcel arrives', 'Payment'], ['Receive']], 'moved down again');
    await status.getByText('Payment moved to position 3 of 3 in Buy.').waitFor();
    // Last in its stage: "down" is disabled now, so the focus stays on the item's first usable button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Payment up');
    // To the next stage, then the stage itself to the end, by Tab from there.
    await page.getByRole('button', { name: 'Move Parcel arrives to the next stage' }).focus();
    await page.keyboard.press('Enter');
    await layoutIs([['Support'], ['Awareness'], ['Buy', 'Checkout page', 'Payment'], ['Receive', 'Parcel arrives']], 'to next stage');
    await status.getByText('Parcel arrives moved to position 1 of 1 in Receive.').waitFor();
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Move stage Support right' }).focus();
      await page.keyboard.press('Enter');
      await status.getByText(`Stage Support moved to position ${i + 2} of 4.`).waitFor();
    }
    expect(await page.getByRole('button', { name: 'Move stage Support right' }).isDisabled()).toBe(true);
    expect(await layout()).toEqual([['Awareness'], ['Buy', 'Checkout page', 'Payment'], ['Receive', 'Parcel arrives'], ['Support']]);
  });

  it('deletes an empty stage, and only shows the editor to managers', async () => {
    await page.goto(`${base}/#/journeys/${journeyId}/edit`);
    await page.getByTestId('editor-board').waitFor();
    expect(await stage('Buy').getByTestId('delete-stage').isDisabled()).toBe(true);
    page.once('dialog', (dialog) => void dialog.accept());
    await stage('Support').getByTestId('delete-stage').click();
    await layoutIs([['Awareness'], ['Buy', 'Checkout page', 'Payment'], ['Receive', 'Parcel arrives']], 'stage deleted');

    const viewer = await createUser(ctx, 'viewer');
    const other = await (await newContext(browser)).newPage();
    await signIn(other, base, viewer.email, viewer.password);
    await other.goto(`${base}/#/journeys/${journeyId}`);
    await other.getByTestId('stage').first().waitFor();
    await settled(other);
    expect(await other.getByTestId('edit-map').count()).toBe(0);
    await other.goto(`${base}/#/journeys/${journeyId}/edit`);
    await other.getByText('Only managers and admins can change the journey map.').waitFor();
    await expectAccessible(other, 'journey map editor refused to a viewer');
    await other.context().close();
  });

  it('colours a negative NPS and a CSAT below 50 % red-side, shows the legend, and says what the response rate counts', async () => {
    const { journeyId: scored, tps } = await scoreJourney(ctx, [['nps', 'csat']]);
    const [nps, csat] = tps[0];
    const at = new Date(Date.now() - 2 * 86_400_000);
    await addCounts(ctx, nps, { 10: 6, 8: 12, 3: 9 }, at); // 6 promoters, 9 detractors of 27, and a passive below: NPS −10.7
    await addCounts(ctx, csat, { 5: 7, 2: 11 }, at); // 7 of 18 satisfied: CSAT 38.9 %
    // Four survey emails sent for the NPS touchpoint, one answered: the rate counts these, not the widget's answers.
    const survey = await ctx.prisma.survey.findFirstOrThrow({ where: { touchpointId: nps.id } });
    for (let i = 0; i < 4; i++) {
      const person = await ctx.prisma.person.create({ data: { workspaceId: ctx.workspaceId, email: `rate-${i}@example.com` } });
      const invitation = await ctx.prisma.invitation.create({
        data: {
          workspaceId: ctx.workspaceId,
          surveyId: survey.id,
          personId: person.id,
          status: 'sent',
          scheduledFor: at,
          sentAt: at,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      });
      if (i === 0) await addResponse(ctx, nps, { score: 8, at, invitationId: invitation.id });
    }

    await page.goto(`${base}/#/journeys/${scored}`);
    await page.getByTestId('touchpoint-card').first().waitFor();
    await settled(page);
    const map = (await ctx.api('get', `/api/v1/journeys/${scored}/map`).expect(200)).body;
    const scoreOf = (id: string) => map.stages[0].touchpoints.find((t: { id: string }) => t.id === id).score as number;
    expect(scoreOf(nps.id)).toBeLessThan(0);
    expect(scoreOf(csat.id)).toBeLessThan(50);
    for (const tp of [nps, csat]) {
      const card = page.locator(`[data-touchpoint-id="${tp.id}"]`);
      expect(await card.getAttribute('data-side')).toBe('below');
      // Red-side: the border and the score's text are red, not blue or olive.
      const { border, text } = await card.evaluate((el) => ({
        border: getComputedStyle(el).borderLeftColor,
        text: getComputedStyle(el.querySelector('[data-testid=score]')!).color,
      }));
      for (const color of [border, text]) {
        const [r, g, b] = color.match(/\d+/g)!.map(Number);
        expect(r).toBeGreaterThan(b + 60);
        expect(r).toBeGreaterThan(g + 40);
      }
    }
    expect(await page.locator(`[data-touchpoint-id="${nps.id}"]`).getByTestId('score').textContent()).toBe('-10.7');
    const legend = page.getByTestId('score-legend');
    expect(await legend.getByTestId('legend-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.metric))).toEqual([
      'nps',
      'csat',
    ]);
    expect(await legend.locator('[data-metric=nps]').textContent()).toContain('-20 to 0');
    expect(await legend.locator('[data-metric=csat]').textContent()).toContain('neutral at 50%');
    await expectAccessible(page, 'journey map with red-side cards and the legend');
    await screenshot(page, 'journey-map-colours');

    await page.locator(`[data-touchpoint-id="${nps.id}"]`).click();
    await page.getByTestId('tp-rate').waitFor();
    await settled(page);
    expect(await page.getByTestId('tp-rate').textContent()).toBe('25%');
    expect(await page.getByTestId('tp-rate-detail').textContent()).toBe('1 of 4 emailed customers answered');
    expect(await page.getByText('Email response rate').count()).toBe(1);
    expect(await page.getByTestId('tp-n').textContent()).toBe('28');
    expect(await page.getByTestId('tp-score').getAttribute('data-side')).toBe('below');
    await expectAccessible(page, 'touchpoint with an email response rate');
  });

  it('fits the editor on a phone: the move buttons stay inside their stage', async () => {
    const phone = await (await newContext(browser, PHONE)).newPage();
    await signIn(phone, base);
    await phone.goto(`${base}/#/journeys/${journeyId}/edit`);
    await phone.getByTestId('editor-board').waitFor();
    const outside = await phone.getByTestId('editor-stage').evaluateAll((stages) =>
      stages.flatMap((s) => {
        const box = s.getBoundingClientRect();
        return Array.from(s.querySelectorAll('button')).filter((b) => {
          const r = b.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5;
        }).length;
      }),
    );
    expect(outside.every((n) => n === 0)).toBe(true);
    await expectAccessible(phone, 'journey map editor on a phone');
    await screenshot(phone, 'journey-editor-phone');
    await phone.context().close();
  });
});
