import { existsSync, mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import request from 'supertest';
import { DemoSeeder } from '@cairn/demo';
import { startTestApi, TestContext } from './utils/test-app';

export const ADMIN_EMAIL = 'admin@localhost';
export const ADMIN_PASSWORD = 'correct horse battery';

export interface Session {
  cookie: string;
  token: string;
  csrf: string;
  body: { user: { id: string; role: string }; csrfToken: string };
  /** A request carrying the session cookie (and, for unsafe methods, the CSRF header). */
  call: (method: 'get' | 'post' | 'patch' | 'delete', path: string, withCsrf?: boolean) => request.Test;
}

export async function login(ctx: TestContext, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<Session> {
  const res = await ctx.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = setCookie.find((c) => c.startsWith('cairn_session='));
  if (!line) throw new Error('no session cookie');
  const token = line.split(';')[0].slice('cairn_session='.length);
  const cookie = `cairn_session=${token}`;
  return {
    cookie,
    token,
    csrf: res.body.csrfToken,
    body: res.body,
    call: (method, path, withCsrf = true) => {
      const req = ctx.http()[method](path).set('Cookie', cookie);
      return method !== 'get' && withCsrf ? req.set('X-CSRF-Token', res.body.csrfToken) : req;
    },
  };
}

/** A user of the default workspace, created through the admin API. */
export async function createUser(ctx: TestContext, role: 'admin' | 'manager' | 'viewer', email = `${role}-${Date.now()}@example.com`) {
  const password = `${role} password 123`;
  const res = await ctx
    .api('post', '/api/v1/users')
    .send({ email, role, password, name: `A ${role}` })
    .expect(201);
  return { id: res.body.id as string, email, password };
}

// Browser helpers: playwright-core driving Debian's chromium.

// Test runs write here (gitignored); `npm run screenshots` copies them into docs/screenshots on purpose.
export const SCREENSHOTS = join(__dirname, '..', 'test-output', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const TIMEZONE = 'Europe/Stockholm';

// Debian's headless build of the same Chromium (package chromium-headless-shell, which .ci/run installs) when the machine
// has it: Chromium's old headless mode, without the browser's UI layers. On the cases page's file it took 16-17 s of CPU
// against 26-28 s for /usr/bin/chromium's new headless mode (two runs each, 2026-12-07); the full browser stays the
// fallback.
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const CHROMIUM_PATH = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Listens on a free port of 127.0.0.1 and returns the base URL. */
export async function listen(ctx: TestContext): Promise<string> {
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  const phone = viewport.width < 600;
  return browser.newContext({ viewport, timezoneId: TIMEZONE, locale: 'en-US', deviceScaleFactor: 1, isMobile: phone, hasTouch: phone });
}

/** Signs in through the login form and waits for the journey map. */
export async function signIn(page: Page, base: string, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-role').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top: the sticky sidebar would otherwise be drawn where the last scroll left it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The since/until the page shows in its date inputs (until is exclusive: the day after "To"). */
export async function pageRange(page: Page): Promise<{ since: string; until: string }> {
  const since = await page.getByTestId('range-from').inputValue();
  const to = await page.getByTestId('range-to').inputValue();
  const until = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { since, until };
}

/** How the page prints a score (format.js): one decimal at most, % for CSAT. */
export function formatScore(metric: string, score: number | null): string {
  if (score === null) return '–';
  const text = new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(score);
  return metric === 'csat' ? `${text}%` : text;
}

/**
 * Waits until the current route has rendered (and its date inputs show the range in the URL). The view must be the
 * one drawn for the URL's hash: after a `goto` or a link to another hash, the old view stays ready until Chromium
 * handles the queued hashchange, and this check may run before that.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const views = document.querySelectorAll<HTMLElement>('.view');
    if (views.length !== 1 || views[0].dataset.ready !== 'true' || views[0].dataset.route !== location.hash) return false;
    const since = new URLSearchParams(location.hash.split('?')[1] ?? '').get('since');
    const from = document.querySelector<HTMLInputElement>('[data-testid=range-from]');
    return !since || !from || from.value === since;
  });
}

export interface DashboardRig {
  ctx: TestContext;
  base: string;
  journeyId: string;
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

/** The real API listening with the demo journey, and a Chromium page (signed in as the admin unless told not to). */
export async function startDashboard(options: { signedIn?: boolean } = {}): Promise<DashboardRig> {
  const ctx = await startTestApi();
  const base = await listen(ctx);
  const { journeyId } = await ctx.app.get(DemoSeeder).seed(ctx.workspaceId);
  const browser = await launchBrowser();
  const page = await (await newContext(browser)).newPage();
  if (options.signedIn !== false) await signIn(page, base);
  return {
    ctx,
    base,
    journeyId,
    browser,
    page,
    close: async () => {
      await browser.close();
      await ctx.close();
    },
  };
}
