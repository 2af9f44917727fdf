import { access, constants } from 'node:fs/promises';
import { Inject, Injectable, Logger, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { APP_CONFIG, type AppConfig } from '@cairn/config';

/** Renders at once per process; more wait their turn within the timeout (Chromium pages cost ~100 MB each). */
export const MAX_RENDERS = 2;
/** The PNG's width in CSS pixels: wide enough for a slide, the page grows as tall as the map. */
export const PNG_WIDTH = 1600;

/** No browser, or no render in time: 503 (the controller adds Retry-After). */
export class RenderUnavailable extends ServiceUnavailableException {
  constructor(message: string) {
    super(message);
  }
}

/**
 * The one place Cairn talks to a browser: Debian's Chromium driven by playwright-core (CHROMIUM_PATH). Launched on
 * the first render, then reused; closed when the app shuts down. Pages get the HTML they are given and nothing
 * else: every request a page would make is aborted, scripts are off.
 */
@Injectable()
export class BrowserRenderer implements OnModuleDestroy {
  private readonly logger = new Logger(BrowserRenderer.name);
  private browser: Promise<Browser> | null = null;
  private running = 0;
  private readonly queue: Array<() => void> = [];
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Landscape A4, backgrounds printed. */
  pdf(html: string): Promise<Buffer> {
    return this.render(html, (page) => page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }));
  }

  /** PNG_WIDTH wide, the whole page. */
  png(html: string): Promise<Buffer> {
    return this.render(html, (page) => page.screenshot({ type: 'png', fullPage: true }));
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close().catch(() => undefined);
  }

  private async render(html: string, output: (page: Page) => Promise<Buffer>): Promise<Buffer> {
    const { timeoutMs } = this.config.mapExport;
    const deadline = Date.now() + timeoutMs;
    const timedOut = () => new RenderUnavailable(`The map could not be rendered within ${timeoutMs / 1000} s; try again in a moment.`);
    await this.acquire(deadline, timedOut);
    let close: (() => Promise<void>) | null = null;
    try {
      const work = (async () => {
        const browser = await this.launch();
        const context = await browser.newContext({
          viewport: { width: PNG_WIDTH, height: 900 },
          deviceScaleFactor: 1,
          javaScriptEnabled: false,
        });
        close = () => context.close().catch(() => undefined);
        // Self-contained page: nothing may leave it (no fetch of an address a stage name could smuggle in).
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load', timeout: Math.max(deadline - Date.now(), 1) });
        return Buffer.from(await output(page));
      })();
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timedOut()), Math.max(deadline - Date.now(), 1));
      });
      try {
        return await Promise.race([work, limit]);
      } finally {
        clearTimeout(timer);
        work.catch(() => undefined);
      }
    } finally {
      await (close as (() => Promise<void>) | null)?.();
      this.release();
    }
  }

  private launch(): Promise<Browser> {
    if (this.closed) return Promise.reject(new RenderUnavailable('The server is shutting down.'));
    if (!this.browser) {
      const path = this.config.mapExport.chromiumPath;
      this.browser = (async () => {
        try {
          await access(path, constants.X_OK);
        } catch {
          throw new RenderUnavailable(`Map export needs a Chromium browser and none was found at ${path} (set CHROMIUM_PATH).`);
        }
        try {
          // Loaded on the first export only: requiring playwright-core costs ~0.4 s of CPU and ~60 MB of memory,
          // which every API process (and every test file booting one) paid at start for a feature most never use.
          const { chromium } = await import('playwright-core');
          const browser = await chromium.launch({
            executablePath: path,
            headless: true,
            args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
          });
          // A crashed browser is launched again by the next render.
          browser.on('disconnected', () => {
            this.browser = null;
          });
          return browser;
        } catch (error) {
          this.logger.error(`Chromium at ${path} did not start: ${(error as Error).message}`);
          throw new RenderUnavailable(`Map export needs a Chromium browser and the one at ${path} did not start.`);
        }
      })();
      // A failed launch is not remembered: the next render tries again.
      this.browser.catch(() => {
        this.browser = null;
      });
    }
    return this.browser;
  }

  private acquire(deadline: number, timedOut: () => Error): Promise<void> {
    if (this.running < MAX_RENDERS) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(
        () => {
          const at = this.queue.indexOf(turn);
          if (at >= 0) this.queue.splice(at, 1);
          reject(timedOut());
        },
        Math.max(deadline - Date.now(), 1),
      );
      this.queue.push(turn);
    });
  }

  // The slot passes straight to the next waiter, so `running` counts it all along.
  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }
}
