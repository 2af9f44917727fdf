import { Browser, Page } from 'playwright-core';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  createUser,
  DashboardRig,
  newContext,
  PHONE,
  screenshot,
  settled,
  signIn,
  startDashboard,
} from './dashboard-helpers';
import { InvitationTokenRepository } from '@cairn/invitations';
import { expectAccessible } from './utils/axe-check';
import { TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

describe('dashboard in the browser (cases, webhooks, viewer)', () => {
  let ctx: TestContext;
  let base: string;
  let browser: Browser;
  let page: Page;

  let rig: DashboardRig;

  beforeAll(async () => {
    rig = await startDashboard();
    ({ ctx, base, browser, page } = rig);
  });
  afterAll(() => rig?.close());

  const demoCase = (status: 'open' | 'in_progress' | 'resolved') =>
    ctx.prisma.case.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, status }, include: { response: true, notes: true } });

  it('the demo seeds one case of each state, so a newcomer sees the workflow', async () => {
    // Signing in lands on the journey list, which moves on to the first map: let it, or it would move away from the cases.
    await page.getByTestId('touchpoint-card').first().waitFor();
    await page.goto(`${base}/#/cases`);
    await settled(page);
    const counts = { open: '2', in_progress: '1', resolved: '2' };
    for (const [s, n] of Object.entries(counts)) expect(await page.getByTestId(`count-${s}`).textContent()).toBe(n);
    expect(await page.getByTestId('overdue-count').textContent()).toBe('1 overdue');
    // Deadline order: the overdue one first.
    expect(await page.getByTestId('case').evaluateAll((els) => els.map((e) => e.classList.contains('case-overdue')))).toEqual([
      true,
      false,
    ]);
    await expectAccessible(page, 'cases list');
    await screenshot(page, 'cases');

    // Admins set the SLA of new cases and opt in to auto-resolving here.
    await page.getByTestId('case-settings').locator('input[name=slaHours]').fill('24');
    await page.getByTestId('auto-resolve').check();
    await page.getByTestId('save-case-settings').click();
    await page.getByRole('status').filter({ hasText: 'Case settings saved.' }).waitFor();
    expect((await ctx.api('get', '/api/v1/case-settings').expect(200)).body).toEqual({ slaHours: 24, autoResolve: true });
    await ctx.api('patch', '/api/v1/case-settings').send({ slaHours: 48, autoResolve: false }).expect(200);
  });

  it('is readable on a 390 px phone: no sideways scrolling on the list or the case page', async () => {
    const c = await demoCase('in_progress');
    const phone = await (await newContext(browser, PHONE)).newPage();
    await signIn(phone, base);
    await phone.getByTestId('touchpoint-card').first().waitFor();
    for (const [path, shot, ready] of [
      ['/#/cases', 'cases-phone', 'case-rows'],
      [`/#/cases/${c.id}`, 'case-phone', 'case-page'],
    ]) {
      await phone.goto(`${base}${path}`);
      await phone.getByTestId(ready).waitFor();
      await settled(phone);
      const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.view);
      await expectAccessible(phone, `${path} on a phone`);
      await screenshot(phone, shot);
      if (ready === 'case-rows') {
        // A row's comment and badges wrap inside the screen rather than running off it.
        for (const box of await phone.getByTestId('case').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
          expect(box.right).toBeLessThanOrEqual(PHONE.width);
        }
      }
    }
    const box = await phone.getByTestId('case-comment').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await phone.context().close();
  });

  it("opens the case email's link after sign-in and on reload: the page tells the case's whole history", async () => {
    const c = await demoCase('resolved');
    const guest = await (await newContext(browser)).newPage();
    // The path the case email links to (case-mail.service.ts), on this server.
    await guest.goto(`${base}/cases/${c.id}`);
    await guest.waitForURL(`${base}/#/cases/${c.id}`);
    await guest.getByTestId('login-email').fill(ADMIN_EMAIL);
    await guest.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await guest.getByTestId('login-submit').click();
    await guest.getByTestId('case-page').waitFor();
    await settled(guest);
    expect(guest.url()).toBe(`${base}/#/cases/${c.id}`);
    const check = async () => {
      expect(await guest.getByTestId('case-page').getAttribute('data-case-id')).toBe(c.id);
      expect(await guest.getByTestId('case-comment').textContent()).toBe(c.response!.comment);
      expect(await guest.getByTestId('case-score').textContent()).toBe(String(c.response!.score));
      const person = await ctx.prisma.person.findUniqueOrThrow({ where: { id: c.personId! } });
      expect(await guest.getByTestId('case-person').textContent()).toContain(person.email!);
      expect(await guest.getByTestId('case-person').textContent()).toContain((person.properties as { plan: string }).plan);
      expect(await guest.getByTestId('case-alerts').textContent()).not.toContain('No alerts');
      expect(await guest.getByTestId('notes').locator('li').count()).toBe(c.notes.length);
      const kinds = await guest
        .getByTestId('timeline')
        .locator('li')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
      expect(kinds).toEqual(expect.arrayContaining(['answered', 'alert', 'opened', 'note', 'resolved']));
      expect(kinds.filter((k) => k === 'note')).toHaveLength(c.notes.length);
      expect(await guest.getByTestId('case-status').textContent()).toBe('Resolved');
    };
    await check();
    await expectAccessible(guest, 'resolved case page');
    await guest.reload();
    await guest.getByTestId('case-page').waitFor();
    await settled(guest);
    await check();
    await guest.context().close();
  });

  it('works a case on its page: assign a user from the list, add a note, resolve', async () => {
    const c = await demoCase('open');
    const maja = await createUser(ctx, 'manager', 'maja@example.com');
    await page.goto(`${base}/#/cases/${c.id}`);
    await page.getByTestId('case-page').waitFor();
    await settled(page);
    await expectAccessible(page, 'open case page');
    await screenshot(page, 'case');
    const options = await page
      .getByTestId('assignee')
      .locator('option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(['', ADMIN_EMAIL, maja.email]));
    await page.getByTestId('assignee').selectOption(maja.email);
    await page.getByTestId('assign').click();
    // The page draws the case again once saved: only then is the note box the one on screen.
    await page.getByRole('status').filter({ hasText: 'Assignee saved.' }).waitFor();
    expect((await ctx.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).assignee).toBe(maja.email);
    expect(await page.getByTestId('assignee').inputValue()).toBe(maja.email);
    await page.getByTestId('note').fill('Called back, sending a voucher.');
    await page.getByTestId('add-note').click();
    await page.getByTestId('notes').locator('li', { hasText: 'Called back, sending a voucher.' }).waitFor();
    expect(await ctx.prisma.caseNote.count({ where: { caseId: c.id, body: 'Called back, sending a voucher.', author: 'Admin' } })).toBe(1);
    await page.getByTestId('resolve').click();
    await waitFor(async () => (await page.getByTestId('case-status').textContent()) === 'Resolved', 10_000, 'status shown');
    expect((await ctx.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('resolved');
    expect(await page.getByTestId('overdue').count()).toBe(0);
    expect(await page.getByTestId('timeline').locator('li[data-kind=resolved]').count()).toBe(1);
  });

  it('lists cases compactly with counts on the tabs, filters in the URL, and more rows on demand', async () => {
    await page.goto(`${base}/#/cases`);
    await settled(page);
    // Enough open cases on one touchpoint for a second page: the newest 30 detractor answers without a case.
    const answers = await ctx.prisma.response.findMany({
      where: { workspaceId: ctx.workspaceId, metric: 'nps', score: { lte: 6 }, case: null },
      orderBy: { createdAt: 'desc' },
      take: 30,
    });
    const hour = 3_600_000;
    await ctx.prisma.case.createMany({
      data: answers.map((r, i) => ({
        workspaceId: ctx.workspaceId,
        responseId: r.id,
        personId: r.personId,
        touchpointId: r.touchpointId,
        dueAt: new Date(Date.now() + (i % 3 === 0 ? -5 : 20 + i) * hour),
        createdAt: r.createdAt,
      })),
    });
    // The same URL again: only a reload reads the list anew.
    await page.reload();
    await settled(page);
    const api = (await ctx.api('get', '/api/v1/cases/counts').expect(200)).body;
    for (const s of ['open', 'in_progress', 'resolved']) expect(await page.getByTestId(`count-${s}`).textContent()).toBe(String(api[s]));
    expect(await page.getByTestId('overdue-count').textContent()).toBe(`${api.overdue} overdue`);
    // Deadline order: every overdue case before the first one still in time.
    const overdueFlags = await page.getByTestId('case').evaluateAll((els) => els.map((e) => e.classList.contains('case-overdue')));
    expect(overdueFlags.length).toBe(25);
    expect(overdueFlags.indexOf(false)).toBe(overdueFlags.lastIndexOf(true) + 1);
    await page.getByTestId('more-cases').click();
    await waitFor(async () => (await page.getByTestId('case').count()) === api.open, 10_000, 'second page appended');
    const shown = await page.getByTestId('case').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.caseId));
    expect(new Set(shown).size).toBe(api.open);

    // Filters: each narrows the list and its tab numbers to what the API says for the same filters.
    const touchpointId = answers[0].touchpointId;
    await page.getByTestId('filter-touchpoint').selectOption(touchpointId);
    await page.waitForURL(new RegExp(`touchpoint=${touchpointId}`));
    await settled(page);
    const forTouchpoint = (await ctx.api('get', `/api/v1/cases?status=open&touchpointId=${touchpointId}&limit=200`).expect(200)).body.data;
    expect(await page.getByTestId('case').count()).toBe(Math.min(25, forTouchpoint.length));
    expect(await page.getByTestId('count-open').textContent()).toBe(String(forTouchpoint.length));
    await page.getByTestId('filter-overdue').check();
    await page.waitForURL(/overdue=true/);
    await settled(page);
    const late = forTouchpoint.filter((c: { overdue: boolean }) => c.overdue);
    expect((await page.getByTestId('case').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.caseId))).sort()).toEqual(
      late.map((c: { id: string }) => c.id).sort(),
    );
    // A reload keeps the filters: they live in the URL.
    await page.reload();
    await settled(page);
    expect(await page.getByTestId('filter-overdue').isChecked()).toBe(true);
    expect(await page.getByTestId('filter-touchpoint').inputValue()).toBe(touchpointId);

    await page.goto(`${base}/#/cases?status=in_progress&assignee=none`);
    await settled(page);
    const assigned = await ctx.prisma.case.count({ where: { workspaceId: ctx.workspaceId, status: 'in_progress', assignee: null } });
    expect(await page.getByTestId('case').count()).toBe(assigned);
    const person = await ctx.prisma.person.findUniqueOrThrow({ where: { id: answers[1].personId! } });
    await page.goto(`${base}/#/cases?status=open`);
    await settled(page);
    await page.getByTestId('filter-q').fill(person.email!);
    await page.getByTestId('filter-q').press('Enter');
    await page.waitForURL(/q=/);
    await settled(page);
    const names = await page.locator('.case-row-who strong').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set([person.name]));
    // A row opens its case page.
    await page.getByTestId('case-link').first().click();
    await page.getByTestId('case-page').waitFor();
    expect(page.url()).toMatch(/#\/cases\/[0-9a-f-]{36}$/);
  });

  it("reaches a case from the touchpoint's comments", async () => {
    const c = await demoCase('in_progress');
    await page.goto(`${base}/#/touchpoints/${c.touchpointId}`);
    await settled(page);
    const link = page.locator(`[data-testid=comment-case][href="#/cases/${c.id}"]`);
    await link.waitFor();
    // The same comment names its person, a link to their page (issue 20, point 10).
    const person = await ctx.prisma.person.findUniqueOrThrow({ where: { id: c.response!.personId! } });
    const comment = page.getByTestId('comment').filter({ has: link });
    expect(await comment.getByTestId('comment-person').getAttribute('href')).toBe(`#/people/${person.id}`);
    await comment.getByTestId('comment-person').click();
    await page.getByTestId('person-page').waitFor();
    await settled(page);
    expect(await page.getByTestId('person-page').getAttribute('data-person-id')).toBe(person.id);
    expect(await page.getByTestId('person-page').textContent()).toContain(person.email!);
    expect(await page.locator('h1').textContent()).toBe(person.name ?? person.email);
    await expectAccessible(page, 'person page');
    await page.goBack();
    await settled(page);

    await link.click();
    await page.getByTestId('case-page').waitFor();
    await settled(page);
    expect(await page.getByTestId('case-page').getAttribute('data-case-id')).toBe(c.id);
  });

  it('creates a webhook (secret shown once), lists deliveries and retries a failed one', async () => {
    await page.goto(`${base}/#/journeys`);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await settled(page);
    await page.getByTestId('webhook-url').fill('http://127.0.0.1:9/hooks/cairn');
    await page.locator('input[value="case.opened"]').check();
    await page.getByTestId('webhook-format').selectOption('slack');
    await page.getByTestId('create-webhook').click();
    const secret = await page.getByTestId('webhook-secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = await ctx.prisma.webhookEndpoint.findFirstOrThrow({
      where: { workspaceId: ctx.workspaceId, url: 'http://127.0.0.1:9/hooks/cairn' },
    });
    expect(endpoint.events.sort()).toEqual(['case.opened', 'response.detractor']);
    expect(endpoint.secret).toBe(secret);
    expect(endpoint.format).toBe('slack');
    const delivery = await ctx.prisma.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        outboxEventId: 'evt-test',
        eventType: 'response.detractor',
        // As the product stores it: the exact body that is signed and sent, as a JSON string.
        payload: JSON.stringify({ type: 'response.detractor' }),
        status: 'failed',
        attempts: 8,
        lastStatus: 500,
      },
    });
    await ctx.prisma.webhookAttempt.create({
      data: { deliveryId: delivery.id, number: 8, statusCode: 500, latencyMs: 12, responseBody: 'boom' },
    });
    const card = page.locator(`[data-webhook-id="${endpoint.id}"]`);
    await card.getByTestId('show-deliveries').click();
    const row = card.locator(`[data-delivery-id="${delivery.id}"]`);
    await row.getByTestId('retry').waitFor();
    await expectAccessible(page, 'webhooks with the delivery log');
    await screenshot(page, 'webhooks');
    await row.getByTestId('retry').click();
    await waitFor(
      async () => (await ctx.prisma.webhookDelivery.findUnique({ where: { id: delivery.id } }))?.status !== 'failed',
      10_000,
      'delivery retried',
    );
    await waitFor(
      async () => (await card.locator(`[data-delivery-id="${delivery.id}"]`).getAttribute('data-status')) !== 'failed',
      10_000,
      'log refreshed',
    );
  });

  // Issue 20, point 10: the reason a delivery failed is in the row, a test event is one click, and a dropped
  // connection reads as a sentence rather than the browser's "Failed to fetch".
  it('shows why a delivery failed inline, sends a test event, and explains a network failure in a sentence', async () => {
    const endpoint = await ctx.prisma.webhookEndpoint.findFirstOrThrow({
      where: { workspaceId: ctx.workspaceId, url: 'http://127.0.0.1:9/hooks/cairn' },
    });
    const refused = await ctx.prisma.webhookDelivery.create({
      data: { endpointId: endpoint.id, outboxEventId: 'evt-refused', eventType: 'case.opened', payload: {}, status: 'failed', attempts: 3 },
    });
    await ctx.prisma.webhookAttempt.create({
      data: { deliveryId: refused.id, number: 3, latencyMs: 2, error: 'connect ECONNREFUSED 127.0.0.1:9' },
    });
    await page.reload();
    await settled(page);
    const card = page.locator(`[data-webhook-id="${endpoint.id}"]`);
    await card.getByTestId('show-deliveries').click();
    const row = card.locator(`[data-delivery-id="${refused.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('delivery-answer').innerText()).toMatch(/^No answer\s+Why: connect ECONNREFUSED 127\.0\.0\.1:9$/);
    // The receiver's own words for an HTTP failure (the delivery of the test above, answered 500 "boom").
    expect(await card.getByTestId('delivery-reason').allTextContents()).toContain('Why: boom');

    await card.getByTestId('send-test').click();
    await card.getByTestId('test-status').filter({ hasText: 'Test event sent' }).waitFor();
    const test = await ctx.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id, eventType: 'webhook.test' } });
    await card.locator(`[data-delivery-id="${test.id}"]`).waitFor();
    expect(await card.getByTestId('delivery').first().getAttribute('data-delivery-id')).toBe(test.id);
    expect(await card.getByTestId('delivery').first().locator('code').textContent()).toBe('webhook.test');

    await page.route('**/api/v1/webhooks/*/deliveries*', (route) => route.abort('failed'));
    try {
      await card.getByTestId('show-deliveries').click(); // closes the log
      await card.getByTestId('show-deliveries').click(); // and opens it again, with the network gone
      const alert = card.getByTestId('deliveries').getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toBe('Cairn could not be reached. Check the connection, then try again.');
    } finally {
      await page.unroute('**/api/v1/webhooks/*/deliveries*');
    }
  });

  it('offers exactly the webhook events the API lists, with no copy of its own', async () => {
    const offered = () =>
      page
        .getByTestId('webhook-form')
        .locator('input[name=events]')
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    await page.goto(`${base}/#/settings/webhooks`);
    await settled(page);
    expect(await offered()).toEqual((await ctx.api('get', '/api/v1/webhooks/events').expect(200)).body.data);
    // A list the page could not know of shows up as served: the API is the only source.
    const served = ['case.opened', 'person.unsubscribed', 'response.future'];
    await page.route('**/api/v1/webhooks/events', (route) => route.fulfill({ json: { data: served } }));
    try {
      await page.reload();
      await settled(page);
      expect(await offered()).toEqual(served);
    } finally {
      await page.unroute('**/api/v1/webhooks/events');
    }
  });

  it('viewer: sees everything read-only, the UI offers no edits and the API refuses them with 403', async () => {
    const viewer = await createUser(ctx, 'viewer', 'viewer@example.com');
    const caseRow = await ctx.prisma.case.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, status: { not: 'resolved' } } });
    const viewerPage = await (await newContext(browser)).newPage();
    await signIn(viewerPage, base, viewer.email, viewer.password);
    await viewerPage.getByTestId('touchpoint-card').first().waitFor();
    expect(await viewerPage.getByTestId('user-role').textContent()).toBe('Viewer');
    const nav = await viewerPage.locator('.nav-link').allTextContents();
    expect(nav.join('|')).not.toMatch(/API keys|Users/);

    await viewerPage.goto(`${base}/#/cases`);
    await settled(viewerPage);
    expect(await viewerPage.getByTestId('case-settings').count()).toBe(0);
    await expectAccessible(viewerPage, 'cases list for a viewer');
    await viewerPage.goto(`${base}/#/cases/${caseRow.id}`);
    await viewerPage.getByTestId('case-page').waitFor();
    await settled(viewerPage);
    expect(await viewerPage.getByTestId('case-assignee').count()).toBe(1);
    for (const control of ['assign', 'resolve', 'add-note', 'set-status']) expect(await viewerPage.getByTestId(control).count()).toBe(0);
    await expectAccessible(viewerPage, 'case page for a viewer');

    await viewerPage.goto(`${base}/#/settings/webhooks`);
    await settled(viewerPage);
    expect(await viewerPage.getByTestId('webhook-form').count()).toBe(0);
    expect(await viewerPage.getByTestId('toggle-webhook').count()).toBe(0);
    await expectAccessible(viewerPage, 'webhooks for a viewer');

    await viewerPage.goto(`${base}/#/settings/surveys`);
    await settled(viewerPage);
    expect(await viewerPage.getByTestId('new-survey').count()).toBe(0);
    await viewerPage.getByTestId('edit-survey').first().click();
    await viewerPage.getByTestId('survey-form').waitFor();
    expect(await viewerPage.getByTestId('save-survey').count()).toBe(0);
    expect(await viewerPage.locator('[data-testid=survey-form] input[name=event]').isDisabled()).toBe(true);
    await expectAccessible(viewerPage, 'survey form for a viewer');

    // The API refuses the same edits made from this browser session.
    const statuses = await viewerPage.evaluate(async (caseId) => {
      const { csrfToken } = await (await fetch('/api/v1/auth/session')).json();
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      const patchCase = await fetch(`/api/v1/cases/${caseId}`, { method: 'PATCH', headers, body: JSON.stringify({ status: 'resolved' }) });
      const hook = await fetch('/api/v1/webhooks', {
        method: 'POST',
        headers,
        body: JSON.stringify({ url: 'http://127.0.0.1:9/x', events: ['case.opened'] }),
      });
      const keys = await fetch('/api/v1/api-keys');
      const settings = await fetch('/api/v1/case-settings', { method: 'PATCH', headers, body: JSON.stringify({ autoResolve: true }) });
      return [patchCase.status, hook.status, keys.status, settings.status];
    }, caseRow.id);
    expect(statuses).toEqual([403, 403, 403, 403]);
    expect((await ctx.prisma.case.findUniqueOrThrow({ where: { id: caseRow.id } })).status).toBe(caseRow.status);
    await viewerPage.context().close();
  });
  it('a case from a relationship survey answer: the page and the list say "Relationship survey" and name the journey', async () => {
    const journey = await ctx.prisma.journey.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, archivedAt: null } });
    const survey = (
      await ctx
        .api('post', '/api/v1/surveys')
        .send({ kind: 'relationship', metric: 'nps', journeyId: journey.id, schedule: { everyDays: 90 }, segment: { cohort: 'nobody' } })
        .expect(201)
    ).body;
    const person = await ctx.prisma.person.create({
      data: { workspaceId: ctx.workspaceId, email: 'rel-case@example.com', name: 'Rel Ation', properties: { plan: 'pro' } },
    });
    // The invitation as the scheduler and the send leave it (relationship-answers e2e makes them the whole way).
    const invitation = await ctx.prisma.invitation.create({
      data: {
        workspaceId: ctx.workspaceId,
        surveyId: survey.id,
        personId: person.id,
        periodIndex: 0,
        status: 'sent',
        scheduledFor: new Date(),
        sentAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const token = await ctx.app.get(InvitationTokenRepository).issue(invitation.id, 'response');
    // The worker opens the case as it would for any detractor.
    const worker = await startTestWorker(ctx.config);
    try {
      await ctx.http().post(`/r/${token}`).send({ score: 1, comment: 'Relationship gone sour' }).expect(201);
      const opened = await waitFor(
        () => ctx.prisma.case.findFirst({ where: { response: { invitationId: invitation.id } } }),
        30_000,
        'the relationship case',
      );
      await page.goto(`${base}/#/cases/${opened.id}`);
      await page.getByTestId('case-page').waitFor();
      await settled(page);
      expect(await page.getByTestId('case-comment').textContent()).toBe('Relationship gone sour');
      expect(await page.getByTestId('case-relationship').textContent()).toBe(`Relationship survey · ${journey.name}`);
      expect(await page.getByTestId('case-touchpoint').count()).toBe(0);
      expect(await page.getByTestId('case-person').textContent()).toContain('rel-case@example.com');
      await expectAccessible(page, 'relationship case page');

      await page.goto(`${base}/#/cases?q=${encodeURIComponent('gone sour')}`);
      const row = page.locator(`[data-testid=case][data-case-id="${opened.id}"]`);
      await row.waitFor();
      await settled(page);
      expect(await row.textContent()).toContain('Relationship survey');
      expect(await row.textContent()).not.toContain('Unknown touchpoint');
    } finally {
      await worker.close();
    }
  });
});
