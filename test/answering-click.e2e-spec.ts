import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ParsedMail } from 'mailparser';
import { Browser, Page } from 'playwright-core';
import { JobRepository, JobName, QueueName } from '@cairn/jobs';
import { responsesOf, seedInvitation, Seeded } from './answering.fixtures';
import { linksOf, sendSurveyEmail, startInbox } from './answering.mail';
import { launchBrowser, listen } from './dashboard-helpers';
import { HoldingProxy } from './utils/holding-proxy';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

// A click is judged this long after it. Scanners here open the links one after another, each page waiting for its
// own click report (~2 s): their opens stay far closer together than this on a loaded machine too. A person's page
// must report within it of its own open: with the file's scenarios running at once in CI, one page took 23.7 s from
// its open to its report (at 20 s its click was judged a scanner's), hence 40 s.
const CLICK_WINDOW_MS = 40_000;
// The scenarios run at once (it.concurrent, after beforeAll), each with its own invitation; each judges its clicks
// as soon as its opens are in (judged, below), not a window later.
const SCANNER = 'Mozilla/5.0 (compatible; Barracuda Sentinel; +http://www.barracuda.com)';

describe('a click in the survey email counts; a mail scanner opening every link does not', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    inbox = await startInbox();
    ctx = await startTestApi({ smtpUrl: inbox.url, answering: { clickWindowMs: CLICK_WINDOW_MS, settleAfterMs: 2_000 } });
    baseUrl = await listen(ctx);
    worker = await startTestWorker(ctx.config);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await ctx?.close();
    await inbox?.close();
  });

  async function scoreLinks(seed: Seeded): Promise<string[]> {
    await sendSurveyEmail(ctx.config, inbox.url, baseUrl, seed);
    const mail = await waitFor<ParsedMail>(
      () => inbox.mails.find((m) => JSON.stringify(m.to).includes(seed.person.email!)),
      10_000,
      'the survey email',
    );
    const links = linksOf(mail).filter((link) => link.includes('/r/'));
    expect(links).toHaveLength(11);
    return links;
  }

  /** Opens a link and resolves once the page reported its click (202): the script ran and the page counted as seen. */
  async function openUntilReported(page: Page, link: string): Promise<void> {
    for (let open = 1; ; open++) {
      // Eleven Chromium pages at once on a loaded 2-core CI machine took over 30 s to report; the opens that decide
      // (the GETs) are all noted at once whatever the reports' lag, so waiting longer changes nothing of what is tested.
      const reported = page.waitForResponse((res) => res.request().method() === 'POST' && res.url().includes('/r/'), {
        timeout: 120_000,
      });
      // Only the navigation's start is awaited, under the same limit: the page's load event is not what is tested, and
      // with eleven pages at once it once took over goto's default 30 s in a full local run.
      await page.goto(link, { waitUntil: 'commit', timeout: 120_000 });
      // An open Redis failed to note serves a page that counts no click and never reports, by design. On a starved CI
      // machine (2026-12-06) both tries of a note timed out though Redis was up: ioredis's command timeout fired before
      // the process read the reply. The command deadline now reads a waiting reply first (libs/redis/command-deadline.ts);
      // a starvation longer than it allows is still possible, so the link is opened again, as a reload would; a second
      // open of a score changes nothing.
      const counts = await page.locator('#answer').getAttribute('data-click', { timeout: 120_000 });
      if (counts !== 'on' && open < 3) {
        reported.catch(() => undefined);
        continue;
      }
      const res = await reported;
      expect(res.status()).toBe(202);
      expect(JSON.parse(res.request().postData()!)).toMatchObject({ provisional: true });
      return;
    }
  }

  /**
   * The held clicks of an invitation once all were judged: true for each that became the answer. Each is first seen
   * held for the whole window after its click; then, every open of the scenario being in, it is judged at once
   * instead of after the window (the judgement reads the opens around the click, not the clock). Waiting the windows
   * out made this the suite's slowest file (97 s, 40 s of it idle).
   */
  async function judged(invitationId: string, clicks: number): Promise<boolean[]> {
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Events);
    const clicksOf = async (states: Parameters<typeof queue.getJobs>[0]) =>
      (await queue.getJobs(states)).filter((job) => job.name === JobName.CountClick && job.data.invitationId === invitationId);
    const held = await waitFor(
      async () => {
        const jobs = await clicksOf(['delayed', 'wait', 'active', 'completed', 'failed']);
        return jobs.length >= clicks && jobs;
      },
      60_000,
      `${clicks} clicks held`,
    );
    for (const job of held) {
      // Due a window after the click (the relay sets the delay from its own clock when it moves the job: a second's slack).
      // The delay it was queued with: BullMQ zeroes `job.delay` once the job is due (a machine slower than the window).
      expect(job.timestamp + (job.opts.delay ?? 0)).toBeGreaterThanOrEqual(Date.parse(job.data.clickedAt) + CLICK_WINDOW_MS - 1_000);
      await job.promote().catch(async (error: Error) => {
        // Only a job already due (a machine slower than the window) may have left the delayed state.
        if (await job.isDelayed()) throw error;
      });
    }
    return waitFor(
      async () => {
        const jobs = await clicksOf(['completed']);
        return jobs.length >= clicks && jobs.map((job) => job.returnvalue as boolean);
      },
      60_000,
      `${clicks} clicks judged`,
    );
  }

  it.concurrent('a scanner running the pages (Chromium) from one address: every page reports, nothing is recorded', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const links = await scoreLinks(seed);
    const page = await browser.newPage({ userAgent: SCANNER });
    for (const link of links) await openUntilReported(page, link);
    await page.close();
    expect(await judged(seed.invitation.id, 11)).toEqual(Array(11).fill(false));
    expect(await responsesOf(ctx, seed.invitation.id)).toHaveLength(0);
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: seed.invitation.id } })).status).toBe('sent');
  });

  it.concurrent(
    'a scanner fleet running the pages from eleven addresses at once records nothing',
    async () => {
      const seed = await seedInvitation(ctx, { locale: 'en' });
      const links = await scoreLinks(seed);
      await Promise.all(
        links.map(async (link, i) => {
          const context = await browser.newContext({ userAgent: SCANNER, extraHTTPHeaders: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
          await openUntilReported(await context.newPage(), link);
          await context.close();
        }),
      );
      expect(await judged(seed.invitation.id, 11)).toEqual(Array(11).fill(false));
      expect(await responsesOf(ctx, seed.invitation.id)).toHaveLength(0);
    },
    360_000,
  );

  it.concurrent('a scanner without JavaScript (GET and HEAD from several addresses) is the burst that drops a click it races', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const links = await scoreLinks(seed);
    // One node of the fleet runs the page of 0, and its report arrives before the others' plain GETs.
    const page = await browser.newPage({ userAgent: SCANNER });
    await openUntilReported(page, links[0]);
    await page.close();
    for (const [i, link] of links.entries()) {
      const headers = { 'user-agent': SCANNER, 'x-forwarded-for': `198.51.100.${i + 1}` };
      expect((await fetch(link, { headers })).status).toBe(200);
      expect((await fetch(link, { method: 'HEAD', headers })).status).toBe(200);
    }
    expect(await judged(seed.invitation.id, 1)).toEqual([false]);
    expect(await responsesOf(ctx, seed.invitation.id)).toHaveLength(0);
  });

  it.concurrent('a person who clicks 9 in the email and closes the tab as soon as the page reports it has answered 9', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const link = (await scoreLinks(seed)).find((href) => href.endsWith('?score=9'))!;
    const context = await browser.newContext();
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (req) => req.method() === 'POST' && posts.push(req.postData()!));
    const reported = page.waitForRequest((req) => req.method() === 'POST' && req.url().includes('/r/'), { timeout: 120_000 });
    const opened = Date.now();
    await page.goto(link, { waitUntil: 'commit', timeout: 120_000 });
    // The person reads the question; the page reports the click once it has been seen for 2 s, and the person
    // closes the tab right then, without waiting for the server's answer. (A fixed 3 s read, with the answer
    // expected in the page before the close, failed twice in CI: on a loaded machine the answer took longer.)
    await reported;
    await page.close();
    expect(Date.now() - opened).toBeGreaterThanOrEqual(2_000);
    expect(posts.map((body) => JSON.parse(body))).toEqual([{ score: 9, provisional: true }]);
    expect(await judged(seed.invitation.id, 1)).toEqual([true]);
    const [response] = await responsesOf(ctx, seed.invitation.id);
    expect(response).toMatchObject({ score: 9, comment: null, source: 'email', settling: false });
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: seed.invitation.id } })).status).toBe('responded');
    await context.close();
  });

  it.concurrent('a click whose report is still on its way when the tab closes counts (the report is keepalive)', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const link = new URL((await scoreLinks(seed)).find((href) => href.endsWith('?score=8'))!);
    // The page loads at once; its report is held on the way.
    const proxy = await new HoldingProxy(baseUrl, (req) => req.method === 'POST').start();
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const opened = Date.now();
      await page.goto(`${proxy.origin}${link.pathname}${link.search}`, { waitUntil: 'commit', timeout: 120_000 });
      await waitFor(() => proxy.waiting === 1, 120_000, 'the click report on its way');
      await page.close();
      // The network delivers it a second after the tab closed. Chromium cancels a closing page's requests unless they
      // are keepalive; the proxy would see the sender hang up and drop the report (the test fails without keepalive).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(proxy.release()).toEqual({ delivered: 1, dropped: 0 });
      // The click is judged by the opens within its window: a report that reached the API more than a window after its
      // page's open would be dropped whatever keepalive does. The judgement below failed once in CI (cause not found);
      // this tells a machine too slow for the window from a wrong judgement.
      expect(Date.now() - opened).toBeLessThan(CLICK_WINDOW_MS);
      expect(await judged(seed.invitation.id, 1)).toEqual([true]);
      expect(await responsesOf(ctx, seed.invitation.id)).toMatchObject([{ score: 8, comment: null, source: 'email' }]);
    } finally {
      await context.close();
      await proxy.close();
    }
  });

  it.concurrent('the person goes on to choose 6 and Send: one response, 6 with the comment; the held click changes nothing', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const link = (await scoreLinks(seed)).find((href) => href.endsWith('?score=9'))!;
    const page = await browser.newPage();
    await openUntilReported(page, link);
    await page.locator('label[for="score-6"]').click();
    await page.locator('#comment').fill('Changed my mind');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    await page.close();
    expect(await judged(seed.invitation.id, 1)).toEqual([false]);
    expect(await responsesOf(ctx, seed.invitation.id)).toMatchObject([{ score: 6, comment: 'Changed my mind', settling: false }]);
    // Opened again later, within the edit window: the page shows the link's score, but a click never edits.
    const again = await browser.newPage();
    await again.goto(link, { timeout: 120_000 });
    expect(await again.locator('#answer').getAttribute('data-click')).toBeNull();
    await again.close();
    expect(await responsesOf(ctx, seed.invitation.id)).toMatchObject([{ score: 6 }]);
  });
});
