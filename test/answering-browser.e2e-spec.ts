import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { Browser } from 'playwright-core';
import { formatDeadline } from '@cairn/i18n';
import { responsesOf, seedInvitation, Seeded } from './answering.fixtures';
import { seedPlace } from './closed-loop.fixtures';
import { linksOf, sendSurveyEmail, startInbox } from './answering.mail';
import { launchBrowser, listen, screenshot } from './dashboard-helpers';
import { expectAccessible } from './utils/axe-check';
import { startTestApi, TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

describe('answering in a real browser, from a real email', () => {
  let ctx: TestContext;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let browser: Browser;
  let baseUrl: string;
  let publishableKey: string;

  beforeAll(async () => {
    inbox = await startInbox();
    ctx = await startTestApi({ smtpUrl: inbox.url });
    baseUrl = await listen(ctx);
    publishableKey = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } })).publishableKey;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    await inbox?.close();
  });

  async function receive(seed: Seeded): Promise<ParsedMail> {
    await sendSurveyEmail(ctx.config, inbox.url, baseUrl, seed);
    return waitFor(
      () => inbox.mails.find((mail) => mail.to && JSON.stringify(mail.to).includes(seed.person.email!)),
      10_000,
      'the survey email',
    );
  }

  it('a mail scanner that opens every link (GET, HEAD, even with JavaScript) records nothing', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const links = linksOf(await receive(seed)).filter((link) => link.startsWith(baseUrl));
    expect(links.filter((link) => link.includes('/r/'))).toHaveLength(11);
    expect(links.some((link) => link.includes('/u/'))).toBe(true);
    const bot = { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda Sentinel; +http://www.barracuda.com)' };
    for (const link of links) {
      expect((await fetch(link, { headers: bot })).status).toBe(200);
      expect((await fetch(link, { method: 'HEAD', headers: bot })).status).toBe(200);
    }
    const page = await browser.newPage({ userAgent: bot['user-agent'] });
    for (const link of links) await page.goto(link, { waitUntil: 'networkidle' });
    await page.close();
    expect(await responsesOf(ctx, seed.invitation.id)).toHaveLength(0);
    const person = await ctx.prisma.person.findUniqueOrThrow({ where: { id: seed.person.id } });
    expect(person.unsubscribedAt).toBeNull();
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: seed.invitation.id } })).status).toBe('sent');
  });

  it('a person clicks a score in the email, adds a comment and sends it', async () => {
    const seed = await seedInvitation(ctx, { locale: 'sv-SE' });
    const link = linksOf(await receive(seed)).find((href) => href.endsWith('?score=9'))!;
    const page = await browser.newPage();
    await page.goto(link);
    expect(await page.locator('#score-9').isChecked()).toBe(true);
    // Starting to write sends the score at once, so it is kept even if the person stops here.
    await page.locator('#comment').click();
    await page.locator('#status').getByText('Ditt betyg har sparats').waitFor();
    expect(await responsesOf(ctx, seed.invitation.id)).toMatchObject([{ score: 9, comment: null }]);
    await page.locator('#comment').fill('Snabb leverans, trevlig chaufför');
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack för din feedback' }).waitFor();
    await page.close();
    const [response] = await responsesOf(ctx, seed.invitation.id);
    expect(response).toMatchObject({ score: 9, comment: 'Snabb leverans, trevlig chaufför', source: 'email', locale: 'sv' });
  });

  it('works without JavaScript: the plain form posts score and comment', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const link = linksOf(await receive(seed)).find((href) => href.endsWith('?score=4'))!;
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    await page.locator('label[for="score-6"]').click();
    await page.locator('#comment').fill('Parcel was damaged');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    // Until when the answer can still be changed (issue 20, point 10).
    const [stored] = await responsesOf(ctx, seed.invitation.id);
    const note = await page.locator('main p').textContent();
    await context.close();
    expect(stored).toMatchObject({ score: 6, comment: 'Parcel was damaged' });
    expect(note).toBe(`You can change your answer until ${formatDeadline('en', stored.editableUntil!)}.`);
  });

  it('the embeddable widget asks on another site and posts the answer', async () => {
    const seed = await seedInvitation(ctx, { metric: 'ces' });
    await ctx.prisma.touchpoint.update({ where: { id: seed.touchpoint.id }, data: { key: 'support-chat', channel: 'web' } });
    // The shop's server signs its visitor's id with the workspace's identity secret.
    const secret = (await ctx.api('post', '/api/v1/widget/identity-secret').expect(201)).body.secret;
    const personHash = createHmac('sha256', secret).update('visitor-7').digest('hex');
    const site: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1></main>
        <script src="${baseUrl}/widget.js" data-workspace-key="${publishableKey}" data-touchpoint="support-chat" data-locale="en" data-person-id="visitor-7" data-person-hash="${personHash}"></script>
        </body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { corsOrigins: [origin] } });
    const page = await browser.newPage();
    try {
      await page.goto(origin);
      await page.getByRole('button', { name: '6', exact: true }).waitFor();
      await expectAccessible(page, 'the widget on a shop page');
      // Its 1-7 scale is one row, in a desktop's page and on a phone (dashboard-widget checks the 0-10 one).
      const rows = () =>
        page.evaluate(() => {
          const buttons = Array.from(document.querySelector('[data-cairn-widget]')!.shadowRoot!.querySelectorAll('button[data-score]'));
          const top = (b: Element) => Math.round(b.getBoundingClientRect().top);
          return [...new Set(buttons.map(top))].map((y) => buttons.filter((b) => top(b) === y).map((b) => b.textContent));
        });
      const numbers = ['1', '2', '3', '4', '5', '6', '7'];
      expect(await rows()).toEqual([numbers]);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await rows()).toEqual([numbers]);
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.getByRole('button', { name: '6', exact: true }).click();
      await page.locator('[data-cairn-widget] textarea').fill('Quick answer in chat');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you for your feedback').waitFor();
    } finally {
      await page.close();
      await new Promise((resolve) => site.close(resolve));
    }
    const response = await ctx.prisma.response.findFirstOrThrow({ where: { touchpointId: seed.touchpoint.id } });
    expect(response).toMatchObject({ metric: 'ces', score: 6, comment: 'Quick answer in chat', source: 'web', invitationId: null });
    const person = await ctx.prisma.person.findUniqueOrThrow({ where: { id: response.personId! } });
    expect(person.externalId).toBe('visitor-7');
  });

  it('every public page passes axe, and the 0–10 scale is one row on a desktop and 0–5 / 6–10 on a phone', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const scale = () =>
      page.evaluate(() => {
        const box = (e: Element) => e.getBoundingClientRect();
        const buttons = Array.from(document.querySelectorAll('.scale label'));
        const [low, high] = Array.from(document.querySelectorAll('.ends span')).map(box);
        const rows = [...new Set(buttons.map((b) => Math.round(box(b).top)))].map((top) =>
          buttons.filter((b) => Math.round(box(b).top) === top).map((b) => b.textContent),
        );
        const first = box(buttons[0]);
        const last = box(buttons[buttons.length - 1]);
        return {
          rows,
          fits: document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth,
          // The end labels stand under the ends of the scale: "0 = …" from 0's left edge, "10 = …" up to 10's right edge.
          lowAtZero: Math.abs(low.left - first.left) <= 1,
          highAtTen: Math.abs(high.right - last.right) <= 1,
          smallest: Math.min(...buttons.map((b) => Math.min(box(b).width, box(b).height))),
        };
      });
    try {
      await page.goto(`${baseUrl}/r/${seed.responseToken}?score=9`);
      const numbers = Array.from({ length: 11 }, (_, i) => String(i));
      expect(await scale()).toEqual({
        rows: [numbers.slice(0, 6), numbers.slice(6)],
        fits: true,
        lowAtZero: true,
        highAtTen: true,
        smallest: expect.any(Number),
      });
      expect((await scale()).smallest).toBeGreaterThanOrEqual(44); // touch targets (WCAG 2.5.8 asks 24)
      await expectAccessible(page, 'answer page on a phone');
      await screenshot(page, 'answer-page-phone');
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await scale()).toMatchObject({ rows: [numbers], fits: true, lowAtZero: true, highAtTen: true });
      await expectAccessible(page, 'answer page');

      await page.locator('#comment').fill('Fine');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
      const [answered] = await responsesOf(ctx, seed.invitation.id);
      expect(await page.getByRole('heading', { name: 'Thank you for your feedback' }).locator('+ p').textContent()).toBe(
        `You can change your answer until ${formatDeadline('en', answered.editableUntil!)}.`,
      );
      await expectAccessible(page, 'thank-you page');

      // Past the edit window the link shows that the answer is final.
      await ctx.prisma.response.updateMany({
        where: { invitationId: seed.invitation.id },
        data: { editableUntil: new Date(Date.now() - 1000) },
      });
      await page.goto(`${baseUrl}/r/${seed.responseToken}?score=3`);
      await page.getByText('Your answer was recorded and can no longer be changed.').waitFor();
      await expectAccessible(page, 'locked answer page');

      await page.goto(`${baseUrl}/r/no-such-token?score=3`);
      await page.getByRole('heading', { name: 'This link is no longer valid' }).waitFor();
      await expectAccessible(page, 'invalid link page');

      await page.goto(`${baseUrl}/u/${seed.unsubscribeToken}`);
      await expectAccessible(page, 'unsubscribe page');
      await page.getByRole('button').click();
      await page.getByRole('heading', { name: 'You have been unsubscribed' }).waitFor();
      await expectAccessible(page, 'unsubscribed page');
    } finally {
      await context.close();
    }
  });
  it('kiosk: a tap, an optional comment, Send, the thank-you, then a clean page for the next person', async () => {
    const place = await seedPlace(ctx);
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-US', hasTouch: true });
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}/t/${place.touchpoint.key}?w=default&kiosk=1&reset=1`);
      await expectAccessible(page, 'kiosk page');
      // Large buttons: a finger hits them.
      const box = await page.locator('label[for=score-9]').boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(80);

      await page.locator('label[for=score-9]').tap();
      await page.getByRole('textbox').fill('Quick checkout');
      await page.getByRole('button', { name: 'Send' }).tap();
      await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
      expect(await page.locator('#answer').isHidden()).toBe(true);
      const stored = await ctx.prisma.response.findMany({ where: { touchpointId: place.touchpoint.id } });
      expect(stored).toEqual([expect.objectContaining({ score: 9, comment: 'Quick checkout', source: 'kiosk', personId: null })]);

      // reset=1: a second later the form is back, empty.
      await page.locator('#answer').waitFor({ state: 'visible' });
      expect(await page.locator('#thanks').isHidden()).toBe(true);
      expect(await page.locator('input[name=score]:checked').count()).toBe(0);
      expect(await page.getByRole('textbox').inputValue()).toBe('');
      const device = await page.evaluate(() => localStorage.getItem('cairn-kiosk-device'));
      expect(device).toMatch(/^[\w-]{8,64}$/);

      // The next person answers without a comment.
      await page.locator('label[for=score-4]').tap();
      await page.getByRole('button', { name: 'Send' }).tap();
      await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
      const both = await ctx.prisma.response.findMany({ where: { touchpointId: place.touchpoint.id }, orderBy: { createdAt: 'asc' } });
      expect(both.map((r) => [r.score, r.comment, r.source])).toEqual([
        [9, 'Quick checkout', 'kiosk'],
        [4, null, 'kiosk'],
      ]);
      await screenshot(page, 'kiosk-thanks');
    } finally {
      await context.close();
    }
  });
});
