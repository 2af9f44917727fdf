import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Page } from 'playwright-core';
import { createUser, DashboardRig, newContext, PHONE, screenshot, settled, signIn, startDashboard } from './dashboard-helpers';
import { TestContext } from './utils/test-app';
import { expectAccessible } from './utils/axe-check';
import { waitFor } from './utils/test-worker';

// Issue 20, point 4: an admin sets the widget up in the browser — key, allowed
// origins, a snippet that works when pasted into a page, and a live preview.
describe('dashboard in the browser (widget settings)', () => {
  let rig: DashboardRig;
  let ctx: TestContext;
  let base: string;
  let page: Page;
  let shop: Server;
  let shopOrigin: string;
  let shopPage = '';

  beforeAll(async () => {
    rig = await startDashboard();
    ({ ctx, base, page } = rig);
    // Another origin playing the customer's shop: it serves whatever page the test puts in shopPage.
    shop = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shopPage));
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopOrigin = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  });
  afterAll(async () => {
    await new Promise((resolve) => shop?.close(resolve));
    await rig?.close();
  });

  const workspace = () => ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } });

  async function open(): Promise<void> {
    await page.goto('about:blank'); // a fresh page: the same hash again would keep the previous view
    await page.goto(`${base}/#/settings/widget`);
    await settled(page);
    await page.getByTestId('publishable-key').waitFor();
  }

  it('shows the key and saves allowed origins as browsers send them, refusing what is not an origin', async () => {
    await open();
    expect(await page.getByTestId('publishable-key').textContent()).toBe((await workspace()).publishableKey);
    await page.getByTestId('allowed-origins').fill('shop.example.com');
    await page.getByTestId('save-origins').click();
    await page.getByRole('alert').getByText('"shop.example.com" is not an origin', { exact: false }).waitFor();
    expect((await workspace()).corsOrigins).toEqual([]);
    await page.getByTestId('allowed-origins').fill(`https://Shop.Example.com/\n\n${shopOrigin}\n`);
    await page.getByTestId('save-origins').click();
    await page.getByText('Allowed origins saved.').waitFor();
    expect(await page.getByTestId('allowed-origins').inputValue()).toBe(`https://shop.example.com\n${shopOrigin}`);
    expect((await workspace()).corsOrigins).toEqual(['https://shop.example.com', shopOrigin]);
  });

  it('copies a snippet that works when pasted into an allowed page', async () => {
    await open();
    await page.getByTestId('snippet-touchpoint').selectOption('delivery');
    await page.getByTestId('snippet-locale').selectOption('sv');
    const { publishableKey } = await workspace();
    const snippet = (await page.getByTestId('widget-snippet').textContent())!;
    expect(snippet).toBe(
      [
        '<script',
        '  src="http://127.0.0.1:3000/widget.js"', // PUBLIC_BASE_URL of the tests
        `  data-workspace-key="${publishableKey}"`,
        '  data-touchpoint="delivery"',
        '  data-locale="sv"',
        '  async',
        '></script>',
      ].join('\n'),
    );
    await page.getByTestId('copy-snippet').click();
    await page.getByTestId('copy-status').getByText('Copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(snippet);

    // Pasted into the shop's page (the tests' API listens elsewhere than PUBLIC_BASE_URL says), a visitor answers.
    shopPage = `<!doctype html><html lang="en"><body><h1>Thanks for your order</h1>${copied.replace('http://127.0.0.1:3000', base)}</body></html>`;
    const visitor = await (await newContext(rig.browser)).newPage();
    const before = await ctx.prisma.response.count({ where: { workspaceId: ctx.workspaceId, source: 'web' } });
    await visitor.goto(`${shopOrigin}/order/42`);
    await visitor.locator('[data-cairn-widget=delivery] button[data-score="9"]').click();
    await visitor.locator('[data-cairn-widget=delivery] button[type=submit]').click();
    await visitor.locator('[data-cairn-widget=delivery] [role=status]').first().waitFor();
    await waitFor(
      async () => (await ctx.prisma.response.count({ where: { workspaceId: ctx.workspaceId, source: 'web' } })) === before + 1,
      10_000,
      'widget answer stored',
    );
    const stored = await ctx.prisma.response.findFirstOrThrow({
      where: { workspaceId: ctx.workspaceId, source: 'web' },
      orderBy: { createdAt: 'desc' },
    });
    expect(stored).toMatchObject({ score: 9, locale: 'sv', personId: null });
    await visitor.context().close();
  });

  it('previews the real widget with the chosen texts and stores nothing from the preview', async () => {
    await open();
    await page.getByTestId('snippet-touchpoint').selectOption('store-visit');
    await page.getByTestId('snippet-locale').selectOption('sv');
    const { publishableKey } = await workspace();
    const texts = (await ctx.http().get(`/api/v1/public/surveys/store-visit?workspaceKey=${publishableKey}&locale=sv`).expect(200)).body;
    const widget = page.getByTestId('widget-preview-target').locator('[data-cairn-widget=store-visit]');
    await widget.locator('legend').getByText(texts.question).waitFor();
    expect(await widget.locator('button[data-score]').count()).toBe(11);
    expect(await scaleRows(page)).toEqual([ZERO_TO_TEN]); // one row where it fits
    await expectAccessible(page, 'widget settings with the live preview');
    await screenshot(page, 'widget-settings');
    const before = await ctx.prisma.response.count();
    await widget.locator('button[data-score="3"]').click();
    await widget.locator('textarea').fill('Preview only');
    await widget.locator('button[type=submit]').click();
    await widget.getByText(texts.thanks).waitFor();
    expect(await ctx.prisma.response.count()).toBe(before);
    // Another touchpoint redraws the preview in place: one widget at a time.
    await page.getByTestId('snippet-touchpoint').selectOption('delivery');
    await page.getByTestId('widget-preview-target').locator('[data-cairn-widget=delivery] legend').waitFor();
    expect(await page.getByTestId('widget-preview').locator('[data-cairn-widget]:visible').count()).toBe(1);
    expect(await page.locator('body > [data-cairn-widget]').count()).toBe(0);
  });

  it('rotates the key after a confirmation: the page, the snippet and the database carry the new one', async () => {
    await open();
    const old = (await workspace()).publishableKey;
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('rotate-key').click();
    await waitFor(async () => (await page.getByTestId('publishable-key').textContent()) !== old, 10_000, 'new key shown');
    const now = (await workspace()).publishableKey;
    expect(now).not.toBe(old);
    expect(await page.getByTestId('publishable-key').textContent()).toBe(now);
    expect(await page.getByTestId('widget-snippet').textContent()).toContain(`data-workspace-key="${now}"`);
    await ctx.http().get(`/api/v1/public/surveys/delivery?workspaceKey=${old}`).expect(401);
  });

  it('shows managers neither the page nor its menu entry; fits a phone', async () => {
    const manager = await createUser(ctx, 'manager');
    const other = await (await newContext(rig.browser)).newPage();
    await signIn(other, base, manager.email, manager.password);
    expect(await other.locator('.nav-link', { hasText: 'Widget' }).count()).toBe(0);
    await other.goto(`${base}/#/settings/widget`);
    await other.getByText('Only admins can change these settings.').waitFor();
    await expectAccessible(other, 'widget settings refused to a manager');
    expect(await other.getByTestId('publishable-key').count()).toBe(0);
    await other.context().close();

    const phone = await (await newContext(rig.browser, PHONE)).newPage();
    await signIn(phone, base);
    await phone.goto(`${base}/#/settings/widget`);
    await phone.getByTestId('widget-preview-target').locator('[data-cairn-widget] legend').waitFor();
    await phone.getByTestId('snippet-touchpoint').selectOption('delivery'); // an NPS survey: 0-10
    await phone.getByTestId('widget-preview-target').locator('[data-cairn-widget=delivery] legend').waitFor();
    expect(await scaleRows(phone)).toEqual([ZERO_TO_TEN.slice(0, 6), ZERO_TO_TEN.slice(6)]); // two full rows on a phone
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(phone, 'widget settings on a phone');
    await screenshot(phone, 'widget-settings-phone');
    await phone.context().close();
  });
});

const ZERO_TO_TEN = Array.from({ length: 11 }, (_, i) => String(i));

/** The preview widget's score buttons, row by row as drawn (the widget lives in a shadow root). */
function scaleRows(page: Page): Promise<string[][]> {
  return page.evaluate(() => {
    const widget = document.querySelector('[data-testid=widget-preview-target] [data-cairn-widget]')!;
    const buttons = Array.from(widget.shadowRoot!.querySelectorAll('button[data-score]'));
    const top = (b: Element) => Math.round(b.getBoundingClientRect().top);
    return [...new Set(buttons.map(top))].map((y) => buttons.filter((b) => top(b) === y).map((b) => b.textContent ?? ''));
  });
}
