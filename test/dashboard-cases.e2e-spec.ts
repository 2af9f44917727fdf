import { Browser, Page } from 'playwright-core';
import { createUser, DashboardRig, newContext, screenshot, settled, signIn, startDashboard } from './dashboard-helpers';
import { TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

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

  it('works detractor cases: overdue highlighted, assign, note, resolve', async () => {
    const detractors = await ctx.prisma.response.findMany({
      where: { workspaceId: ctx.workspaceId, metric: 'nps', score: { lte: 6 }, comment: { not: null } },
      orderBy: { createdAt: 'desc' },
      take: 4,
    });
    const hour = 3_600_000;
    // Two past their SLA, two still in time (one already assigned).
    const dueInHours = [-2, 20, -30, 40];
    const [overdue, onTime] = await Promise.all(
      detractors.map((r, i) =>
        ctx.prisma.case.create({
          data: {
            workspaceId: ctx.workspaceId,
            responseId: r.id,
            personId: r.personId,
            touchpointId: r.touchpointId,
            dueAt: new Date(Date.now() + dueInHours[i] * hour),
            createdAt: r.createdAt,
            assignee: i === 3 ? 'Maja Berg' : null,
          },
        }),
      ),
    );
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.waitForURL(/#\/cases/);
    await settled(page);
    const overdueCard = page.locator(`[data-case-id="${overdue.id}"]`);
    const onTimeCard = page.locator(`[data-case-id="${onTime.id}"]`);
    expect(await overdueCard.getByTestId('overdue').count()).toBe(1);
    expect(await overdueCard.getAttribute('class')).toContain('case-overdue');
    expect(await onTimeCard.getByTestId('overdue').count()).toBe(0);
    expect(await overdueCard.locator('.case-comment').textContent()).toBe(detractors[0].comment);
    expect(await overdueCard.textContent()).toContain(await touchpointName(overdue.touchpointId!));
    await screenshot(page, 'cases');

    await overdueCard.getByTestId('assignee').fill('Ana Lind');
    await overdueCard.getByTestId('assign').click();
    await waitFor(
      async () => (await ctx.prisma.case.findUnique({ where: { id: overdue.id } }))?.assignee === 'Ana Lind',
      10_000,
      'assignee saved',
    );
    await overdueCard.getByTestId('note').fill('Called back, sending a voucher.');
    await overdueCard.getByTestId('add-note').click();
    await waitFor(
      async () =>
        (await ctx.prisma.caseNote.count({ where: { caseId: overdue.id, body: 'Called back, sending a voucher.', author: 'Admin' } })) ===
        1,
      10_000,
      'note saved',
    );
    await overdueCard.getByTestId('notes').waitFor();
    await overdueCard.getByTestId('resolve').click();
    await waitFor(
      async () => (await ctx.prisma.case.findUnique({ where: { id: overdue.id } }))?.status === 'resolved',
      10_000,
      'case resolved',
    );
    await waitFor(async () => (await overdueCard.getByTestId('case-status').textContent()) === 'Resolved', 10_000, 'status shown');
    expect(await overdueCard.getByTestId('overdue').count()).toBe(0);
  });

  async function touchpointName(id: string): Promise<string> {
    return (await ctx.prisma.touchpoint.findUniqueOrThrow({ where: { id } })).name;
  }

  it('creates a webhook (secret shown once), lists deliveries and retries a failed one', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await settled(page);
    await page.getByTestId('webhook-url').fill('http://127.0.0.1:9/hooks/cairn');
    await page.locator('input[value="case.opened"]').check();
    await page.getByTestId('create-webhook').click();
    const secret = await page.getByTestId('webhook-secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = await ctx.prisma.webhookEndpoint.findFirstOrThrow({
      where: { workspaceId: ctx.workspaceId, url: 'http://127.0.0.1:9/hooks/cairn' },
    });
    expect(endpoint.events.sort()).toEqual(['case.opened', 'response.detractor']);
    expect(endpoint.secret).toBe(secret);
    const delivery = await ctx.prisma.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        outboxEventId: 'evt-test',
        eventType: 'response.detractor',
        payload: { type: 'response.detractor' },
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
    await viewerPage.locator(`[data-case-id="${caseRow.id}"]`).waitFor();
    for (const control of ['assign', 'resolve', 'add-note', 'set-status']) expect(await viewerPage.getByTestId(control).count()).toBe(0);

    await viewerPage.goto(`${base}/#/settings/webhooks`);
    await settled(viewerPage);
    expect(await viewerPage.getByTestId('webhook-form').count()).toBe(0);
    expect(await viewerPage.getByTestId('toggle-webhook').count()).toBe(0);

    await viewerPage.goto(`${base}/#/settings/surveys`);
    await settled(viewerPage);
    expect(await viewerPage.getByTestId('new-survey').count()).toBe(0);
    await viewerPage.getByTestId('edit-survey').first().click();
    await viewerPage.getByTestId('survey-form').waitFor();
    expect(await viewerPage.getByTestId('save-survey').count()).toBe(0);
    expect(await viewerPage.locator('[data-testid=survey-form] input[name=event]').isDisabled()).toBe(true);

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
      return [patchCase.status, hook.status, keys.status];
    }, caseRow.id);
    expect(statuses).toEqual([403, 403, 403]);
    expect((await ctx.prisma.case.findUniqueOrThrow({ where: { id: caseRow.id } })).status).toBe(caseRow.status);
    await viewerPage.context().close();
  });
});
