import { Browser, Page } from 'playwright-core';
import { CommentAnalysisService } from '@cairn/insights';
import {
  createUser,
  formatScore,
  launchBrowser,
  listen,
  newContext,
  pageRange,
  PHONE,
  screenshot,
  settled,
  signIn,
  TIMEZONE,
} from './dashboard-helpers';
import { HOUR } from './improvements.fixtures';
import { expectAccessible } from './utils/axe-check';
import { startTestApi, TestContext } from './utils/test-app';

// Issue 14, points 1 and 2 in the browser: the map's lanes (goal, actions, touchpoints with targets, the emotion
// curve with its sentiment line, themes with quotes, pain points), edited in place by managers only, and personas:
// one click switches the map, a portrait, two personas side by side, and their portraits written in Settings.

interface MapTouchpoint {
  id: string;
  name: string;
  metric: string | null;
  score: number | null;
  n: number;
  owner: string | null;
  target: number | null;
  targetMet: boolean | null;
}
interface MapStage {
  id: string;
  name: string;
  emotion: number | null;
  customerGoal: string | null;
  customerActions: string[];
  sentiment: number | null;
  topThemes: Array<{ theme: string; name: string; mentions: number; negativeShare: number; quote: { text: string } | null }>;
  painPoints: Array<{ touchpointId: string; metric: string; reasons: string[] }>;
  touchpoints: MapTouchpoint[];
}
interface Account {
  email: string;
  password: string;
}

describe('dashboard in the browser: journey map layers and personas', () => {
  let ctx: TestContext;
  let base: string;
  let browser: Browser;
  let page: Page;
  let manager: Account;
  let viewer: Account;
  let journeyId: string;
  const stageIds: Record<'browse' | 'buy' | 'receive', string> = {} as never;
  const tp: Record<'product' | 'checkout' | 'delivery', string> = {} as never;
  const persona: Record<'pro' | 'free', string> = {} as never;

  const PRO = {
    name: 'Pro Petra',
    description: 'Runs a small web shop and buys for it every week.',
    goals: ['Restock before the weekend', 'Pay by invoice'],
    painPoints: ['Late deliveries cost her sales'],
    quote: 'If it is not here by Friday, I lose the weekend.',
    filters: { plan: 'pro' },
  };
  const FREE = {
    name: 'Free Frank',
    description: 'Buys a gift now and then.',
    goals: ['Find a gift quickly'],
    painPoints: ['Shipping costs more than expected'],
    quote: 'Why is the shipping so expensive?',
    filters: { plan: 'free' },
  };

  const mapOf = async (query = ''): Promise<MapStage[]> => {
    const { since, until } = await pageRange(page);
    const res = await ctx.api('get', `/api/v1/journeys/${journeyId}/map?since=${since}&until=${until}&tz=${TIMEZONE}${query}`).expect(200);
    return res.body.stages;
  };
  const journey = async () => (await ctx.api('get', `/api/v1/journeys/${journeyId}`).expect(200)).body;
  const openMap = async (p: Page, query = '') => {
    await p.goto(`${base}/#/journeys/${journeyId}${query}`);
    await p.getByTestId('map-lanes').or(p.getByTestId('persona-compare')).first().waitFor();
    await settled(p);
  };

  beforeAll(async () => {
    ctx = await startTestApi();
    base = await listen(ctx);
    const created = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Online store', stages: [{ name: 'Browse' }, { name: 'Buy' }, { name: 'Receive' }] })
      .expect(201);
    journeyId = created.body.id;
    [stageIds.browse, stageIds.buy, stageIds.receive] = created.body.stages.map((s: { id: string }) => s.id);
    const survey: Record<string, string> = {};
    const add = async (key: keyof typeof tp, stageId: string, metric: string) => {
      tp[key] = (await ctx.api('post', '/api/v1/touchpoints').send({ stageId, name: key, key, channel: 'web' }).expect(201)).body.id;
      survey[key] = (
        await ctx
          .api('post', '/api/v1/surveys')
          .send({ touchpointId: tp[key], metric, trigger: { event: `${key}.done` } })
          .expect(201)
      ).body.id;
    };
    await add('product', stageIds.browse, 'csat');
    await add('checkout', stageIds.buy, 'nps');
    await add('delivery', stageIds.receive, 'nps');
    // Pro customers are happy, free ones are not: a persona's map differs from everyone's and from the other's.
    const items: Array<Record<string, unknown>> = [];
    const at = (i: number) => new Date(Date.now() - (2 + i) * 3 * HOUR).toISOString();
    for (let i = 0; i < 64; i++) {
      const plan = i % 2 === 0 ? 'pro' : 'free';
      const person = { email: `shopper-${i}@example.com`, properties: { plan } };
      const happy = plan === 'pro';
      items.push(
        {
          surveyId: survey.product,
          score: happy ? 5 : 3,
          createdAt: at(i),
          locale: 'en',
          person,
          comment: happy ? 'Great product photos' : 'The price is too high',
        },
        {
          surveyId: survey.checkout,
          score: happy ? 10 : 2,
          createdAt: at(i),
          locale: 'en',
          person,
          comment: happy ? 'Easy payment, great' : 'Payment failed twice, terrible checkout',
        },
        {
          surveyId: survey.delivery,
          score: happy ? 9 : 8,
          createdAt: at(i),
          locale: 'en',
          person,
          comment: happy ? 'Fast delivery, thank you' : 'The delivery was late',
        },
      );
    }
    await ctx.api('post', '/api/v1/responses/import').send({ items }).expect(201);
    // Analysed here rather than by a worker: what this file tests is the reading.
    await ctx.app.get(CommentAnalysisService).analyseWorkspace({ workspaceId: ctx.workspaceId });
    await ctx
      .api('patch', `/api/v1/stages/${stageIds.browse}`)
      .send({ customerGoal: 'Find the right product', customerActions: ['Searches', 'Compares photos and prices'] })
      .expect(200);
    await ctx
      .api('patch', `/api/v1/stages/${stageIds.buy}`)
      .send({ customerGoal: 'Pay quickly and safely', customerActions: ['Fills in the address', 'Pays by card'] })
      .expect(200);
    await ctx.api('patch', `/api/v1/touchpoints/${tp.checkout}`).send({ owner: 'Payments team', target: 30 }).expect(200);
    await ctx.api('patch', `/api/v1/touchpoints/${tp.delivery}`).send({ owner: 'Logistics', target: 40 }).expect(200);
    await ctx.api('patch', `/api/v1/touchpoints/${tp.product}`).send({ owner: 'Web team', target: 60 }).expect(200);
    persona.pro = (await ctx.api('post', '/api/v1/personas').send(PRO).expect(201)).body.id;
    persona.free = (await ctx.api('post', '/api/v1/personas').send(FREE).expect(201)).body.id;
    manager = await createUser(ctx, 'manager');
    viewer = await createUser(ctx, 'viewer');
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await signIn(page, base, manager.email, manager.password);
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  it('draws every lane with the values GET /journeys/:id/map returns', async () => {
    await openMap(page);
    const stages = await mapOf();
    expect(await page.locator('.stage-head h2').allTextContents()).toEqual(['Browse', 'Buy', 'Receive']);
    // The fixture's figures, so the comparisons below are about something: checkout NPS 0 misses its 30, delivery's 50 meets 40.
    const byId = new Map(stages.flatMap((s) => s.touchpoints).map((x) => [x.id, x]));
    expect(byId.get(tp.checkout)).toMatchObject({ score: 0, target: 30, targetMet: false, owner: 'Payments team' });
    expect(byId.get(tp.delivery)).toMatchObject({ score: 50, target: 40, targetMet: true, owner: 'Logistics' });
    expect(byId.get(tp.product)).toMatchObject({ score: 50, target: 60, targetMet: false });
    expect(stages.some((s) => typeof s.sentiment === 'number')).toBe(true);
    expect(stages.some((s) => s.topThemes.some((x) => x.quote))).toBe(true);

    for (const stage of stages) {
      const column = page.locator(`[data-testid=stage][data-stage-id="${stage.id}"]`);
      const goal = column.getByTestId('lane-goal');
      if (stage.customerGoal) expect(await goal.getByTestId('goal').textContent()).toBe(stage.customerGoal);
      else expect(await goal.getByTestId('goal').count()).toBe(0);
      expect(await column.getByTestId('action').allTextContents()).toEqual(stage.customerActions);
      for (const x of stage.touchpoints) {
        const layer = column.locator(`[data-testid=tp-layer][data-tp="${x.id}"]`);
        expect(await layer.getByTestId('score').textContent()).toBe(formatScore(x.metric!, x.score));
        expect(await layer.getAttribute('data-met')).toBe(x.targetMet === null ? 'none' : x.targetMet ? 'met' : 'missed');
        const owner = (await layer.getByTestId('owner').textContent())!;
        expect(owner).toContain(x.owner ?? 'nobody yet');
        if (x.target !== null) {
          expect(await layer.getByTestId('target').textContent()).toContain(`≥ ${formatScore(x.metric!, x.target)}`);
          expect(await layer.getByTestId('target-mark').textContent()).toBe(x.targetMet ? '✓ met' : '✗ missed');
        }
      }
      const pains = column.getByTestId('pain-point');
      expect(await pains.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.tp))).toEqual(
        stage.painPoints.map((p) => p.touchpointId),
      );
      const quotes = await column
        .getByTestId('stage-theme')
        .evaluateAll((els) =>
          els.map((e) => [(e as HTMLElement).dataset.theme, e.querySelector('[data-testid=theme-quote]')?.textContent ?? null]),
        );
      for (const [theme, quote] of quotes) {
        const top = stage.topThemes.find((x) => x.theme === theme);
        if (top) expect(quote).toBe(top.quote?.text ?? null);
      }
      expect(await column.getByTestId('feeling').getAttribute('data-sentiment')).toBe(String(stage.sentiment ?? ''));
    }
    // The checkout misses its target: a pain point in words under the Buy stage.
    const buyPains = page.locator(`[data-stage-id="${stageIds.buy}"]`).getByTestId('pain-point');
    expect(await buyPains.first().textContent()).toBe('checkout: below target (0, target 30)');

    // The emotion curve has two lines: the scores' and the comments' sentiment.
    const datasets = await page.evaluate(() => {
      const chart = (
        window as unknown as { Chart: { getChart(c: Element): { data: { datasets: Array<{ data: unknown[] }> } } } }
      ).Chart.getChart(document.querySelector('.lanes .curve canvas')!)!;
      return chart.data.datasets.map((d) => d.data);
    });
    expect(datasets).toEqual([stages.map((s) => s.emotion), stages.map((s) => s.sentiment)]);
    expect(await page.getByTestId('sentiment-legend').isVisible()).toBe(true);
    await expectAccessible(page, 'journey map with its lanes');
    await screenshot(page, 'journey-map-layers');
  });

  it('draws the score line alone where no comment has been analysed', async () => {
    const quiet = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Quiet journey', stages: [{ name: 'Only stage' }] })
      .expect(201);
    const touchpointId = (
      await ctx
        .api('post', '/api/v1/touchpoints')
        .send({ stageId: quiet.body.stages[0].id, name: 'kiosk', key: 'kiosk', channel: 'store' })
        .expect(201)
    ).body.id;
    const surveyId = (
      await ctx
        .api('post', '/api/v1/surveys')
        .send({ touchpointId, metric: 'nps', trigger: { event: 'kiosk.done' } })
        .expect(201)
    ).body.id;
    const items = [10, 9, 6, 8].map((score, i) => ({ surveyId, score, createdAt: new Date(Date.now() - (i + 2) * HOUR).toISOString() }));
    await ctx.api('post', '/api/v1/responses/import').send({ items }).expect(201);
    await page.goto(`${base}/#/journeys/${quiet.body.id}`);
    await page.getByTestId('map-lanes').waitFor();
    await settled(page);
    await page.waitForFunction(() =>
      (window as unknown as { Chart?: { getChart(c: Element): unknown } }).Chart?.getChart(document.querySelector('.lanes .curve canvas')!),
    );
    const lines = await page.evaluate(
      () =>
        (window as unknown as { Chart: { getChart(c: Element): { data: { datasets: unknown[] } } } }).Chart.getChart(
          document.querySelector('.lanes .curve canvas')!,
        )!.data.datasets.length,
    );
    expect(lines).toBe(1);
    expect(await page.getByTestId('sentiment-legend').count()).toBe(0);
    expect(await page.getByTestId('feeling').getAttribute('data-sentiment')).toBe('');
  });

  it('lets a manager edit goal, actions, owner and target in place; the API has them, and a refusal is shown', async () => {
    await openMap(page);
    const buy = page.locator(`[data-testid=stage][data-stage-id="${stageIds.buy}"]`);
    await buy.getByTestId('goal-edit').click();
    await buy.getByTestId('goal-input').fill('Pay in one step');
    await buy.getByTestId('goal-save').click();
    await buy.getByTestId('goal-edit').filter({ hasText: 'Pay in one step' }).waitFor();

    await buy.getByTestId('actions-edit').click();
    await buy.getByTestId('actions-input').fill('Checks the basket\n\n  Pays by invoice  \n');
    await buy.getByTestId('actions-save').click();
    await buy.getByTestId('actions-edit').waitFor();
    expect(await buy.getByTestId('action').allTextContents()).toEqual(['Checks the basket', 'Pays by invoice']);

    const stored = (await journey()).stages.find((s: { id: string }) => s.id === stageIds.buy);
    expect(stored).toMatchObject({ customerGoal: 'Pay in one step', customerActions: ['Checks the basket', 'Pays by invoice'] });

    // Escape leaves the value as it was.
    await buy.getByTestId('goal-edit').click();
    await buy.getByTestId('goal-input').fill('Something else');
    await buy.getByTestId('goal-input').press('Escape');
    expect(await buy.getByTestId('goal').textContent()).toBe('Pay in one step');

    // The target: out of the NPS scale is refused with the API's words, nothing stored; then a reachable one.
    const layer = () => page.locator(`[data-testid=tp-layer][data-tp="${tp.checkout}"]`);
    await layer().getByTestId('target-edit').click();
    await layer().getByTestId('target-input').fill('500');
    await layer().getByTestId('target-save').click();
    const error = layer().getByTestId('target-error');
    await error.waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect((await error.textContent())!.length).toBeGreaterThan(5);
    const checkoutOf = async () =>
      (await journey()).stages.flatMap((s: { touchpoints: unknown[] }) => s.touchpoints).find((x: { id: string }) => x.id === tp.checkout);
    expect(await checkoutOf()).toMatchObject({ target: 30 });

    await layer().getByTestId('target-input').fill('-10');
    await layer().getByTestId('target-save').click();
    // The map is read again: the mark follows the new target, and the Buy stage's pain point goes away.
    await page.waitForFunction(
      (id) => document.querySelector(`[data-testid=tp-layer][data-tp="${id}"]`)?.getAttribute('data-met') === 'met',
      tp.checkout,
    );
    await settled(page);
    expect(await layer().getByTestId('target-mark').textContent()).toBe('✓ met');
    expect(await page.locator(`[data-stage-id="${stageIds.buy}"]`).getByTestId('pain-point').count()).toBe(0);
    // The focus is back on what was edited.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('target-edit');

    await layer().getByTestId('owner-edit').click();
    await layer().getByTestId('owner-input').fill('Checkout squad');
    await layer().getByTestId('owner-save').click();
    await layer().getByTestId('owner-edit').filter({ hasText: 'Checkout squad' }).waitFor();
    expect(await checkoutOf()).toMatchObject({ target: -10, owner: 'Checkout squad' });
    // Back to the fixture's target for the tests after this one.
    await ctx.api('patch', `/api/v1/touchpoints/${tp.checkout}`).send({ target: 30 }).expect(200);
  });

  it("shows a viewer the lanes but nothing to edit, and the API refuses a viewer's change", async () => {
    const context = await newContext(browser);
    try {
      const view = await context.newPage();
      await signIn(view, base, viewer.email, viewer.password);
      await openMap(view);
      const buy = view.locator(`[data-testid=stage][data-stage-id="${stageIds.buy}"]`);
      expect(await buy.getByTestId('goal').textContent()).toBe('Pay in one step');
      expect(await view.locator('.inline-edit-show').count()).toBe(0);
      expect(await view.locator('[data-testid$=-edit]').count()).toBe(0);
      expect(await view.getByTestId('edit-map').count()).toBe(0);
      const status = await view.evaluate(async (id) => {
        const session = await (await fetch('/api/v1/auth/session')).json();
        const res = await fetch(`/api/v1/stages/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ customerGoal: 'Hacked' }),
        });
        return res.status;
      }, stageIds.buy);
      expect(status).toBe(403);
      expect((await journey()).stages.find((s: { id: string }) => s.id === stageIds.buy).customerGoal).toBe('Pay in one step');
    } finally {
      await context.close();
    }
  });

  it("switches persona in one click: the URL keeps it, the portrait shows, and the numbers are the persona's", async () => {
    await openMap(page);
    const everyone = await mapOf();
    const scoreOf = (stages: MapStage[], id: string) => stages.flatMap((s) => s.touchpoints).find((x) => x.id === id)!.score;
    const shown = () => page.locator(`[data-testid=tp-layer][data-tp="${tp.checkout}"]`).getByTestId('score').textContent();
    expect(await shown()).toBe(formatScore('nps', scoreOf(everyone, tp.checkout)));
    expect(await page.getByTestId('persona-portrait').count()).toBe(0);

    await page.locator(`[data-testid=persona-option][data-persona-id="${persona.pro}"]`).click();
    await page.waitForURL(new RegExp(`persona=${persona.pro}`));
    await page.getByTestId('persona-portrait').waitFor();
    await settled(page);
    const pro = await mapOf(`&personaId=${persona.pro}`);
    expect(scoreOf(pro, tp.checkout)).toBe(100);
    expect(await shown()).toBe(formatScore('nps', 100));
    for (const x of pro.flatMap((s) => s.touchpoints)) {
      expect(await page.locator(`[data-testid=tp-layer][data-tp="${x.id}"]`).getByTestId('score').textContent()).toBe(
        formatScore(x.metric!, x.score),
      );
    }
    const portrait = page.getByTestId('persona-portrait');
    expect(await portrait.getByTestId('persona-name').textContent()).toBe(PRO.name);
    expect(await portrait.getByTestId('persona-description').textContent()).toBe(PRO.description);
    expect(await portrait.getByTestId('persona-quote').textContent()).toBe(PRO.quote);
    expect(await portrait.getByTestId('persona-goals').locator('li').allTextContents()).toEqual(PRO.goals);
    expect(await portrait.getByTestId('persona-pains').locator('li').allTextContents()).toEqual(PRO.painPoints);
    expect(await page.locator('[data-testid=persona-option][aria-current=true]').getAttribute('data-persona-id')).toBe(persona.pro);

    // A reload (or a shared link) lands on the same persona.
    await page.reload();
    await page.getByTestId('persona-portrait').waitFor();
    await settled(page);
    expect(await shown()).toBe(formatScore('nps', 100));

    await page.locator(`[data-testid=persona-option][data-persona-id="${persona.free}"]`).click();
    await page.waitForURL(new RegExp(`persona=${persona.free}`));
    await page.getByTestId('persona-name').filter({ hasText: FREE.name }).waitFor();
    await settled(page);
    expect(await shown()).toBe(formatScore('nps', -100));
    await page.locator('[data-testid=persona-option][data-persona-id=""]').click();
    await page.getByTestId('persona-portrait').waitFor({ state: 'detached' });
    await settled(page);
    expect(await shown()).toBe(formatScore('nps', scoreOf(everyone, tp.checkout)));
  });

  it('shows two personas side by side: both portraits and both scores per touchpoint', async () => {
    await openMap(page, `?persona=${persona.pro}`);
    await page.getByTestId('compare-personas').click();
    await page.getByTestId('persona-compare').waitFor();
    await settled(page);
    await page.getByTestId('persona-side-2').selectOption(persona.free);
    await page.waitForURL(new RegExp(`vs=${persona.free}`));
    await page.getByTestId('compare-portrait-2').getByTestId('persona-name').filter({ hasText: FREE.name }).waitFor();
    await settled(page);
    expect(await page.getByTestId('compare-portrait-1').getByTestId('persona-name').textContent()).toBe(PRO.name);
    expect(await page.getByTestId('compare-portrait-2').getByTestId('persona-quote').textContent()).toBe(FREE.quote);
    const [pro, free] = await Promise.all([mapOf(`&personaId=${persona.pro}`), mapOf(`&personaId=${persona.free}`)]);
    const rows = page.getByTestId('compare-row');
    expect(await rows.count()).toBe(3);
    for (const [i, x] of pro.flatMap((s) => s.touchpoints).entries()) {
      const other = free.flatMap((s) => s.touchpoints)[i];
      const row = page.locator(`[data-testid=compare-row][data-touchpoint-id="${x.id}"]`);
      expect(await row.getByTestId('compare-left').getAttribute('data-score')).toBe(String(x.score));
      expect(await row.getByTestId('compare-right').getAttribute('data-score')).toBe(String(other.score));
    }
    for (const [i, stage] of pro.entries()) {
      const row = page.locator(`[data-testid=compare-stage][data-stage-id="${stage.id}"]`);
      expect(await row.getByTestId('compare-feeling-1').getAttribute('data-emotion')).toBe(String(stage.emotion ?? ''));
      expect(await row.getByTestId('compare-feeling-2').getAttribute('data-emotion')).toBe(String(free[i].emotion ?? ''));
    }
    const checkout = page.locator(`[data-testid=compare-row][data-touchpoint-id="${tp.checkout}"]`);
    expect(await checkout.getByTestId('compare-left').locator('strong').textContent()).toBe('100');
    expect(await checkout.getByTestId('compare-right').locator('strong').textContent()).toBe(formatScore('nps', -100));
    expect(await checkout.getByTestId('compare-delta').getAttribute('data-significant')).toBe('true');
    await expectAccessible(page, 'two personas side by side');
    await screenshot(page, 'journey-map-personas');
    await page.getByTestId('close-compare').click();
    await page.getByTestId('map-lanes').waitFor();
    await settled(page);
    expect(page.url()).toContain(`persona=${persona.pro}`);
  });

  it('stacks the lanes on a phone: stages one under another, every lane named, nothing wider than the screen', async () => {
    const context = await newContext(browser, PHONE);
    try {
      const phone = await context.newPage();
      await signIn(phone, base, manager.email, manager.password);
      await openMap(phone, `?persona=${persona.pro}`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      const boxes = await phone.getByTestId('stage').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
      expect(boxes).toHaveLength(3);
      for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
      expect(boxes.every((b) => b.right <= PHONE.width)).toBe(true);
      const buy = phone.locator(`[data-testid=stage][data-stage-id="${stageIds.buy}"]`);
      expect(await buy.locator('.lane-title').evaluateAll((els) => els.map((e) => (e as HTMLElement).offsetHeight > 0))).toEqual(
        Array(6).fill(true),
      );
      expect(await buy.locator('.lane-title').allTextContents()).toEqual([
        'Goal',
        'Actions',
        'Touchpoints',
        'Feeling',
        'Comments mention',
        'Pain points',
      ]);
      expect(await buy.getByTestId('feeling').isVisible()).toBe(true);
      await expectAccessible(phone, 'journey map lanes on a phone');
      await screenshot(phone, 'journey-map-layers-phone');
      await phone.goto(`${base}/#/journeys/${journeyId}?persona=${persona.pro}&vs=${persona.free}`);
      await phone.getByTestId('persona-compare').waitFor();
      await settled(phone);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await screenshot(phone, 'journey-map-personas-phone');
    } finally {
      await context.close();
    }
  });

  it('writes a persona portrait in Settings › Personas and edits it; the API has every field', async () => {
    await page.goto(`${base}/#/settings/personas`);
    await page.getByTestId('persona-form').waitFor();
    await settled(page);
    await page.getByTestId('persona-name-input').fill('Busy Bea');
    await page.getByTestId('persona-description-input').fill('Orders on her phone between meetings.');
    await page.getByTestId('persona-goals-input').fill('Order in two minutes\nTrack the parcel');
    await page.getByTestId('persona-painPoints-input').fill('Forms that forget her address');
    await page.getByTestId('persona-quote-input').fill('I have five minutes, not fifteen.');
    await page.getByTestId('persona-filters-input').fill('plan: pro\nmobile: true');
    await page.getByTestId('save-persona').click();
    const item = page.getByTestId('persona-item').filter({ hasText: 'Busy Bea' });
    await item.waitFor();
    await settled(page);
    const list = async () => (await ctx.api('get', '/api/v1/personas').expect(200)).body.data as Array<Record<string, unknown>>;
    const bea = (await list()).find((p) => p.name === 'Busy Bea')!;
    expect(bea).toMatchObject({
      description: 'Orders on her phone between meetings.',
      goals: ['Order in two minutes', 'Track the parcel'],
      painPoints: ['Forms that forget her address'],
      quote: 'I have five minutes, not fifteen.',
      filters: { plan: 'pro', mobile: true },
    });
    await item.getByTestId('edit-persona').click();
    expect(await page.getByTestId('persona-goals-input').inputValue()).toBe('Order in two minutes\nTrack the parcel');
    await page.getByTestId('persona-quote-input').fill('Five minutes. Not fifteen.');
    await page.getByTestId('persona-goals-input').fill('Order in two minutes');
    await page.getByTestId('save-persona').click();
    await page.getByTestId('persona-item').filter({ hasText: 'Five minutes. Not fifteen.' }).waitFor();
    expect((await list()).find((p) => p.id === bea.id)).toMatchObject({
      quote: 'Five minutes. Not fifteen.',
      goals: ['Order in two minutes'],
    });
    // A name the API refuses (empty after trimming is caught by the form; a duplicate by the API) shows its message.
    await page.getByTestId('persona-name-input').fill(PRO.name);
    await page.getByTestId('save-persona').click();
    await page.getByTestId('persona-form').getByRole('alert').waitFor();
    expect((await list()).filter((p) => p.name === PRO.name)).toHaveLength(1);
    await expectAccessible(page, 'Settings › Personas');
    await screenshot(page, 'personas');
  });
});
