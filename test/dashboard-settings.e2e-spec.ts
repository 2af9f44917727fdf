import { Browser, Page } from 'playwright-core';
import { CommentAnalysisService } from '@cairn/insights';
import { createUser, DashboardRig, DESKTOP, newContext, PHONE, screenshot, settled, signIn, startDashboard } from './dashboard-helpers';
import { expectAccessible } from './utils/axe-check';
import { TestContext } from './utils/test-app';
import { waitFor } from './utils/test-worker';

describe('dashboard in the browser (settings, phone width)', () => {
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

  it('edits a survey with localized texts and previews the email before saving', async () => {
    const survey = await ctx.prisma.survey.findFirstOrThrow({
      where: { workspaceId: ctx.workspaceId, metric: 'nps', touchpoint: { key: 'delivery' } },
    });
    // A relationship survey (no touchpoint, no trigger) is not this table's and must not break it.
    const journey = await ctx.prisma.journey.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId } });
    const relationship = (
      await ctx
        .api('post', '/api/v1/surveys')
        .send({ kind: 'relationship', metric: 'nps', journeyId: journey.id, schedule: { everyDays: 90 }, active: false })
        .expect(201)
    ).body as { id: string };
    await page.goto(`${base}/#/settings/surveys`);
    await settled(page);
    expect(await page.locator(`[data-survey-id="${relationship.id}"]`).count()).toBe(0);
    await page.locator(`[data-survey-id="${survey.id}"]`).getByTestId('edit-survey').click();
    await page.getByTestId('survey-form').waitFor();
    await page.getByTestId('question-en').fill('How likely are you to recommend {{company}} after this delivery?');
    await page.getByTestId('subject-en').fill('Your parcel arrived: one question');
    const preview = page.getByTestId('email-preview');
    // Each edit asks for a new preview; wait for the one that has both.
    await waitFor(
      async () =>
        ((await preview.getAttribute('srcdoc')) ?? '').includes('after this delivery?') &&
        (await page.getByTestId('preview-subject').textContent()) === 'Subject: Your parcel arrived: one question',
      10_000,
      'preview with the new question and subject',
    );
    // The preview cannot run scripts or reach the dashboard's origin.
    expect(await preview.getAttribute('sandbox')).toBe('');
    await expectAccessible(page, 'survey editor');
    await screenshot(page, 'survey-editor');
    await page.getByTestId('save-survey').click();
    await page.getByText('Survey saved.').waitFor();
    const saved = await ctx.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } });
    expect(saved.question).toEqual({ en: 'How likely are you to recommend {{company}} after this delivery?' });
    expect(saved.subject).toEqual({ en: 'Your parcel arrived: one question' });
  });

  it('creates a survey for a touchpoint', async () => {
    const tp = await ctx.prisma.touchpoint.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, key: 'store-visit' } });
    await page.goto(`${base}/#/settings/surveys`);
    await settled(page);
    await page.getByTestId('new-survey').click();
    const form = page.getByTestId('survey-form');
    await form.locator('[name=touchpointId]').selectOption(tp.id);
    await form.locator('[name=metric]').selectOption('csat');
    await form.locator('[name=event]').fill('store.receipt');
    await form.locator('[name=delayHours]').fill('2');
    // The language tabs are tabs: the selected one names its panel, the arrow keys move on to the next language.
    const english = form.getByRole('tab', { name: 'English' });
    expect(await english.getAttribute('aria-selected')).toBe('true');
    const englishPanel = page.locator(`#${await english.getAttribute('aria-controls')}`);
    expect(await englishPanel.getAttribute('role')).toBe('tabpanel');
    expect(await englishPanel.isVisible()).toBe(true);
    await english.focus();
    await page.keyboard.press('ArrowRight');
    const swedish = form.getByRole('tab', { name: 'Swedish' });
    expect(await swedish.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await swedish.getAttribute('aria-selected')).toBe('true');
    expect(await english.getAttribute('aria-selected')).toBe('false');
    expect(await englishPanel.isVisible()).toBe(false);
    expect(await page.locator(`#${await swedish.getAttribute('aria-controls')}`).getAttribute('aria-labelledby')).toBe(
      await swedish.getAttribute('id'),
    );
    await page.getByTestId('question-sv').fill('Hur nöjd var du med besöket?');
    await page.getByLabel('Preview language').selectOption('sv');
    await waitFor(
      async () => ((await page.getByTestId('email-preview').getAttribute('srcdoc')) ?? '').includes('Hur nöjd var du med besöket?'),
      10_000,
      'Swedish CSAT preview',
    );
    await page.getByTestId('save-survey').click();
    await page.getByText('Survey saved.').waitFor();
    const created = await ctx.prisma.survey.findFirstOrThrow({ where: { touchpointId: tp.id, triggerEvent: 'store.receipt' } });
    expect(created).toMatchObject({ metric: 'csat', delaySeconds: 7200, question: { sv: 'Hur nöjd var du med besöket?' }, active: true });
  });

  /** Opens the survey's editor, switches it to SMS and waits for the English preview: the preview's bubble. */
  async function openSmsPreview(surveyId: string) {
    await page.goto(`${base}/#/settings/surveys`);
    await settled(page);
    await page.locator(`[data-survey-id="${surveyId}"]`).getByTestId('edit-survey').click();
    await page.getByTestId('survey-form').waitFor();
    await page.getByTestId('survey-channel').selectOption('sms');
    const bubble = page.getByTestId('sms-preview');
    await waitFor(async () => ((await bubble.textContent()) ?? '').includes('Reply 0-10'), 10_000, 'English SMS preview');
    return bubble;
  }

  it('switches a survey to SMS: previews the text in each language with its length against one segment, saves the channel', async () => {
    const survey = await ctx.prisma.survey.findFirstOrThrow({
      where: { workspaceId: ctx.workspaceId, metric: 'nps', touchpoint: { key: 'delivery' } },
    });
    const bubble = await openSmsPreview(survey.id);
    expect(await page.getByTestId('email-preview').isVisible()).toBe(false);
    const text = (await bubble.textContent())!;
    expect(text).toContain('/s/');
    expect(await page.getByTestId('sms-count').textContent()).toBe(`${text.length} of 160 characters (GSM-7), one message`);
    await page.getByLabel('Preview language').selectOption('da');
    await waitFor(async () => ((await bubble.textContent()) ?? '').includes('Svar 0-10'), 10_000, 'Danish SMS preview');
    await expectAccessible(page, 'survey editor, SMS');
    await screenshot(page, 'survey-editor-sms');
    await page.getByTestId('save-survey').click();
    await page.getByText('Survey saved.').waitFor();
    expect((await ctx.prisma.survey.findUniqueOrThrow({ where: { id: survey.id } })).channel).toBe('sms');
    await ctx.api('patch', `/api/v1/surveys/${survey.id}`).send({ channel: 'email' }).expect(200);
  });

  it('counts GSM-7 extension characters in the company name as two in the SMS preview', async () => {
    const survey = await ctx.prisma.survey.findFirstOrThrow({
      where: { workspaceId: ctx.workspaceId, metric: 'nps', touchpoint: { key: 'delivery' } },
    });
    const { name } = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } });
    // | { } € and [ ] ~ ^ \ are sent as an escape and a character: two septets each of the 160.
    const company = 'Bar|Deli {Te} €';
    await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { name: company } });
    try {
      const bubble = await openSmsPreview(survey.id);
      const text = (await bubble.textContent())!;
      expect(text.startsWith(`${company}: `)).toBe(true);
      const extensions = [...text].filter((char) => '€^{}[]~\\|'.includes(char)).length;
      expect(extensions).toBe(4);
      expect(await page.getByTestId('sms-count').textContent()).toBe(`${text.length + 4} of 160 characters (GSM-7), one message`);
      expect(await page.getByTestId('sms-count').getAttribute('class')).not.toContain('error-text');
    } finally {
      await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { name } });
    }
  });

  it('creates an API key shown once that works, then revokes it', async () => {
    await page.goto(`${base}/#/settings/api-keys`);
    await settled(page);
    await page.getByTestId('api-key-name').fill('CRM integration');
    await page.getByTestId('create-api-key').click();
    const key = (await page.getByTestId('api-key-secret').textContent())!;
    expect(key).toMatch(/^cairn_/);
    await ctx.api('get', '/api/v1/journeys', key).expect(200);
    await expectAccessible(page, 'API keys with a new key');
    await screenshot(page, 'api-keys');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('[data-testid=api-key]', { hasText: 'CRM integration' }).getByTestId('revoke').click();
    await waitFor(async () => (await ctx.api('get', '/api/v1/journeys', key)).status === 401, 10_000, 'key revoked');
    // The page drops the shown secret once its revoke is answered, which can come after the key already fails.
    await page.getByTestId('api-key-secret').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
  });

  it('lists the themes, makes one from a suggestion, edits and deletes it, and shows the re-analysis it starts', async () => {
    // The demo's comments analysed as the worker would (this file runs no worker).
    await ctx.app.get(CommentAnalysisService).analyseWorkspace({ workspaceId: ctx.workspaceId });
    const before = (await ctx.api('get', '/api/v1/themes').expect(200)).body;
    expect(before.analysis.pending).toBe(0);

    await page.goto(`${base}/#/settings/themes`);
    await settled(page);
    const rows = page.getByTestId('theme-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.theme))).toEqual(
      before.data.map((t: { key: string }) => t.key),
    );
    const delivery = before.data.find((t: { key: string }) => t.key === 'delivery');
    expect(await page.locator('[data-theme=delivery]').getByTestId('theme-keywords-sv').textContent()).toBe(
      delivery.keywords.sv.join(', '),
    );
    expect(await page.getByTestId('themes-progress').textContent()).toBe(
      `All ${before.analysis.comments.toLocaleString('en')} comments are analysed with these themes.`,
    );

    // Words the demo's comments repeat that no theme covers ('steps', 'trin', 'window', …), the most frequent first.
    const suggestion = page.getByTestId('theme-suggestion').first();
    await suggestion.waitFor();
    const phrase = (await suggestion.getAttribute('data-phrase'))!;
    const language = (await suggestion.getAttribute('data-language'))!;
    const counts = await page
      .getByTestId('theme-suggestion')
      .evaluateAll((els) => els.map((e) => Number(/in (\d+) comments/.exec(e.textContent ?? '')![1])));
    expect(counts.length).toBeGreaterThan(2);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const other = language === 'sv' ? 'en' : 'sv';
    const otherWord = other === 'sv' ? 'presentinslagning' : 'gift wrapping';
    const key = phrase.replace(/[^a-z0-9]+/g, '_');
    await expectAccessible(page, 'themes');
    await screenshot(page, 'themes');
    await suggestion.getByTestId('make-theme').click();
    expect(await page.getByTestId('theme-key').inputValue()).toBe(key);
    expect(await page.getByTestId('theme-name').inputValue()).toBe(phrase[0].toUpperCase() + phrase.slice(1));
    expect(await page.getByTestId(`theme-keywords-input-${language}`).inputValue()).toBe(phrase);
    await page.getByTestId(`theme-keywords-input-${other}`).fill(otherWord);
    await page.getByTestId('save-theme').click();
    await page.locator(`[data-testid=theme-row][data-theme=${key}]`).waitFor();
    const created = (await ctx.api('get', '/api/v1/themes').expect(200)).body;
    expect(created.data.find((t: { key: string }) => t.key === key)).toMatchObject({
      name: { en: phrase[0].toUpperCase() + phrase.slice(1) },
      keywords: { da: [], [other]: [otherWord], [language]: [phrase] },
      builtIn: false,
    });
    // No worker runs here: the change's re-analysis waits, and the page says how far it is, in a sentence.
    expect(created.analysis.pending).toBeGreaterThan(0);
    expect(await page.getByTestId('themes-pending').textContent()).toBe(
      `Comments are being analysed: ${created.analysis.analysed.toLocaleString('en')} of ${created.analysis.comments.toLocaleString('en')} done.`,
    );

    await page.locator(`[data-theme=${key}]`).getByTestId('edit-theme').click();
    expect(await page.getByTestId('theme-key').isDisabled()).toBe(true);
    await page.getByTestId('theme-keywords-input-da').fill('gaveindpakning');
    await page.getByTestId('save-theme').click();
    await waitFor(
      async () => (await page.locator(`[data-theme=${key}]`).getByTestId('theme-keywords-da').textContent()) === 'gaveindpakning',
      10_000,
      'the edited keywords',
    );
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator(`[data-theme=${key}]`).getByTestId('delete-theme').click();
    await waitFor(async () => (await page.locator(`[data-theme=${key}]`).count()) === 0, 10_000, 'the theme gone');
    expect((await ctx.api('get', '/api/v1/themes').expect(200)).body.data.map((t: { key: string }) => t.key)).not.toContain(key);
    // Viewers read the themes but get no form and no buttons (the API refuses their changes with 403 anyway).
    const viewer = await createUser(ctx, 'viewer');
    const viewerPage = await (await newContext(browser)).newPage();
    try {
      await signIn(viewerPage, base, viewer.email, viewer.password);
      await viewerPage.goto(`${base}/#/settings/themes`);
      await settled(viewerPage);
      await viewerPage.getByTestId('theme-row').first().waitFor();
      await viewerPage.getByTestId('theme-suggestion').first().waitFor();
      expect(
        await Promise.all(
          ['theme-form', 'edit-theme', 'delete-theme', 'make-theme'].map((testid) => viewerPage.getByTestId(testid).count()),
        ),
      ).toEqual([0, 0, 0, 0]);
    } finally {
      await viewerPage.context().close();
    }
  });

  it('creates a user who can sign in with the given role', async () => {
    await page.goto(`${base}/#/settings/users`);
    await settled(page);
    await page.getByTestId('user-email').fill('maja@example.com');
    await page.getByTestId('user-role-select').selectOption('manager');
    await page.getByTestId('user-password').fill('maja password 1');
    await page.getByTestId('create-user').click();
    await page.locator('[data-testid=user]', { hasText: 'maja@example.com' }).waitFor();
    const user = await ctx.prisma.user.findFirstOrThrow({ where: { email: 'maja@example.com' } });
    expect(user.role).toBe('manager');
    await expectAccessible(page, 'users');
    await screenshot(page, 'users');
    const other = await (await newContext(browser)).newPage();
    await signIn(other, base, 'maja@example.com', 'maja password 1');
    expect(await other.getByTestId('user-role').textContent()).toBe('Manager');
    await other.context().close();
  });

  it('lists the default detractor rule and creates a score-drop alert rule', async () => {
    await page.goto(`${base}/#/settings/alert-rules`);
    await settled(page);
    const rows = page.getByTestId('alert-rule');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('NPS ≤ 6, CSAT ≤ 2, CES ≤ 3');
    const form = page.getByTestId('alert-rule-form');
    await form.locator('[name=name]').fill('Delivery NPS below 0');
    await form.locator('[name=kind]').selectOption('score_drop');
    await form.locator('[name=touchpointId]').selectOption({ label: 'Delivery' });
    await form.locator('[name=below]').fill('0');
    await form.locator('button[type=submit]').click();
    await waitFor(async () => (await rows.count()) === 2, 10_000, 'rule listed');
    const rule = await ctx.prisma.alertRule.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, name: 'Delivery NPS below 0' } });
    expect(rule).toMatchObject({ kind: 'score_drop', metric: 'nps', below: 0, windowDays: 30, minResponses: 30 });
    expect(await rows.nth(1).textContent()).toContain('NPS below 0 over 30 days');
    await expectAccessible(page, 'alert rules');
    await screenshot(page, 'alert-rules');
  });

  it('shows deliverability as a chart and a table, and a banner on every page while sending is paused that an admin resumes', async () => {
    const bounce = (n: number, kind: 'hard' | 'complaint', domain: string) => ({
      workspaceId: ctx.workspaceId,
      invitationId: null,
      emailHash: `hash-${n}`,
      domain,
      kind,
      source: 'postmark',
      reportKey: `dashboard-${n}`,
    });
    await ctx.prisma.bounce.createMany({
      data: [bounce(1, 'hard', 'mail.example.net'), bounce(2, 'hard', 'mail.example.net'), bounce(3, 'complaint', 'x.example')],
    });
    // 20 survey emails sent in the last day (a person each), so the rates have something to divide by.
    const survey = await ctx.prisma.survey.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, touchpointId: { not: null } } });
    const now = Date.now();
    for (let i = 0; i < 20; i++) {
      const person = await ctx.prisma.person.create({ data: { workspaceId: ctx.workspaceId, email: `dlv-${i}-${now}@example.com` } });
      const sentAt = new Date(now - i * 3_600_000);
      await ctx.prisma.invitation.create({
        data: {
          workspaceId: ctx.workspaceId,
          surveyId: survey.id,
          personId: person.id,
          status: 'sent',
          scheduledFor: sentAt,
          sentAt,
          expiresAt: new Date(now + 86_400_000),
        },
      });
    }
    await ctx.prisma.workspace.update({
      where: { id: ctx.workspaceId },
      data: { sendingPausedAt: new Date(), sendingPausedReason: 'bounce rate 12.0 % over 24 h (6 of 50 sent)' },
    });
    await page.goto(`${base}/#/cases`);
    await settled(page);
    const shellBanner = page.getByTestId('shell-banner').getByTestId('sending-paused');
    await shellBanner.waitFor();
    expect(await shellBanner.textContent()).toContain('bounce rate 12.0 % over 24 h (6 of 50 sent)');

    await page.goto(`${base}/#/settings/deliverability`);
    await settled(page);
    expect(await page.getByTestId('shell-banner').textContent()).toBe('');
    await page.locator('[data-testid=deliverability-chart] canvas').waitFor();
    const table = page.getByTestId('deliverability-table');
    expect(await table.locator('tr', { hasText: 'Sent' }).locator('td').allTextContents()).toEqual(['20', '20']);
    expect(await table.locator('tr', { hasText: 'Bounced (hard)' }).locator('td').allTextContents()).toEqual(['2', '2']);
    expect(await table.locator('tr', { hasText: 'Bounce rate' }).locator('td').allTextContents()).toEqual(['10.0 %', '10.0 %']);
    expect(await table.locator('tr', { hasText: 'Complaints' }).locator('td').allTextContents()).toEqual(['1', '1']);
    expect(await page.getByTestId('bouncing-domains').textContent()).toBe('mail.example.net: 2');
    await expectAccessible(page, 'deliverability');
    await screenshot(page, 'deliverability');
    await page.getByTestId('resume-sending').click();
    await waitFor(async () => (await page.getByTestId('sending-paused').count()) === 0, 10_000, 'the banner gone');
    expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } })).sendingPausedAt).toBeNull();
  });

  it('shows a manager the paused banner on every page without a Resume button', async () => {
    const manager = await createUser(ctx, 'manager');
    const reason = 'complaint rate 2.0 % over 24 h (1 of 50 sent)';
    await ctx.prisma.workspace.update({
      where: { id: ctx.workspaceId },
      data: { sendingPausedAt: new Date(), sendingPausedReason: reason },
    });
    const other = await (await newContext(browser)).newPage();
    try {
      await signIn(other, base, manager.email, manager.password);
      expect(await other.getByTestId('user-role').textContent()).toBe('Manager');
      await other.goto(`${base}/#/cases`);
      await settled(other);
      const banner = other.getByTestId('shell-banner').getByTestId('sending-paused');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(reason);
      expect(await banner.textContent()).toContain('An admin can resume sending.');
      expect(await banner.getByRole('button').count()).toBe(0);

      await other.goto(`${base}/#/settings/deliverability`);
      await settled(other);
      const onPage = other.getByTestId('sending-paused');
      await onPage.waitFor();
      expect(await onPage.textContent()).toContain('An admin can resume sending.');
      expect(await other.getByTestId('resume-sending').count()).toBe(0);
      await expectAccessible(other, 'deliverability, paused, as a manager');
      // Still paused: nothing the manager's page did resumed it.
      expect((await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } })).sendingPausedAt).not.toBeNull();
    } finally {
      await other.context().close();
      await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { sendingPausedAt: null, sendingPausedReason: null } });
    }
  });

  it('signs out: the session is gone and the login form is back', async () => {
    const before = await ctx.prisma.userSession.count();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    expect(await ctx.prisma.userSession.count()).toBe(before - 1);
    await page.goto(`${base}/#/cases`);
    await page.getByTestId('login-form').waitFor();
    await expectAccessible(page, 'login form');
  });

  it('keeps every badge (metric, "Low n") inside its card at desktop and phone widths', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const view = await (await newContext(browser, viewport)).newPage();
      try {
        await signIn(view, base);
        await view.getByTestId('touchpoint-card').first().waitFor();
        await view.getByTestId('range-preset').selectOption('7'); // a short range: most cards have too few answers
        await view.waitForURL(/since=/);
        await settled(view);
        // How far each badge's box stays inside its card's box on each side (negative = sticks out). A long word in a
        // touchpoint's name ("Subscription") once pushed its metric badge past the card's edge.
        const margins = await view.locator('[data-testid=low-n], [data-testid=touchpoint-card] .metric').evaluateAll((badges) =>
          badges.map((badge) => {
            const b = badge.getBoundingClientRect();
            const c = badge.closest('[data-testid=touchpoint-card]')!.getBoundingClientRect();
            return Math.min(b.left - c.left, c.right - b.right, b.top - c.top, c.bottom - b.bottom);
          }),
        );
        expect(margins.length).toBeGreaterThan(0);
        expect(margins.filter((m) => m < 0)).toEqual([]);
        await expectAccessible(view, `journey map with low-n cards at ${viewport.width} px`);
      } finally {
        await view.context().close();
      }
    }
  });

  it('works at phone width: stages stack, nothing overflows sideways, menu opens', async () => {
    const phone = await (await newContext(browser, PHONE)).newPage();
    await signIn(phone, base);
    await phone.getByTestId('touchpoint-card').first().waitFor();
    const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const boxes = await phone.getByTestId('stage').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].top).toBeGreaterThanOrEqual(boxes[i - 1].bottom);
    expect(boxes.every((b) => b.width <= 390)).toBe(true);
    // The stage names under the emotion curve: all shown, inside the card, no two boxes meeting.
    const labels = await phone.getByTestId('curve-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    expect(labels.length).toBe(boxes.length);
    const card = (await phone.locator('.map-card').boundingBox())!;
    for (const [i, a] of labels.entries()) {
      expect(a.width).toBeGreaterThan(0);
      expect(a.left).toBeGreaterThanOrEqual(card.x);
      expect(a.right).toBeLessThanOrEqual(card.x + card.width);
      for (const b of labels.slice(i + 1)) {
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        expect({ a, b, apart }).toEqual({ a, b, apart: true });
      }
    }
    await expectAccessible(phone, 'journey map on a phone');
    await screenshot(phone, 'journey-map-phone');
    expect(await phone.locator('.sidebar').isVisible()).toBe(false);
    await phone.getByRole('button', { name: 'Menu' }).click();
    await phone.getByRole('link', { name: 'Cases' }).click();
    await phone.waitForURL(/#\/cases/);
    await settled(phone);
    await phone.goto(`${base}/#/journeys`);
    await phone.getByTestId('touchpoint-card').first().click();
    await phone.waitForURL(/#\/touchpoints\//);
    await settled(phone);
    await phone.getByTestId('comment').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(phone, 'touchpoint on a phone');
    await screenshot(phone, 'touchpoint-phone');
    await phone.context().close();
  });

  it('turns settings tables into cards on a phone: nothing scrolls sideways', async () => {
    const phone = await (await newContext(browser, PHONE)).newPage();
    try {
      await signIn(phone, base);
      for (const [path, testid] of [
        ['/settings/surveys', 'surveys'],
        ['/settings/alert-rules', 'alert-rules'],
        ['/settings/api-keys', 'api-keys'],
        ['/settings/users', 'users'],
        ['/settings/themes', 'themes-table'],
      ]) {
        await phone.goto(`${base}/#${path}`);
        await settled(phone);
        const table = phone.getByTestId(testid);
        await table.waitFor();
        const shape = await table.evaluate((el) => {
          const page = document.scrollingElement!;
          const wrap = el.parentElement!;
          const rows = Array.from(el.querySelectorAll('tbody tr'));
          return {
            pageFits: page.scrollWidth <= page.clientWidth,
            tableFits: wrap.scrollWidth <= wrap.clientWidth && el.getBoundingClientRect().right <= window.innerWidth,
            rows: rows.length,
            // A card per row: rows stacked, each cell on its own line under its column's name.
            cards: rows.every((r) => getComputedStyle(r).display === 'block'),
            headerShown: (el.querySelector('thead') as HTMLElement).getBoundingClientRect().height > 1,
            labelled: rows.every((r) =>
              Array.from(r.children).every((c, i, all) => i === all.length - 1 || !!(c as HTMLElement).dataset.label),
            ),
          };
        });
        expect({ path, ...shape }).toEqual({
          path,
          pageFits: true,
          tableFits: true,
          rows: shape.rows,
          cards: true,
          headerShown: false,
          labelled: true,
        });
        expect(shape.rows).toBeGreaterThan(0);
        await expectAccessible(phone, `${path} on a phone`);
        if (testid === 'alert-rules') await screenshot(phone, 'alert-rules-phone');
      }
    } finally {
      await phone.context().close();
    }
  });
});
