import { Body, Controller, Get, HttpException, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { resolveLocale, t } from '@cairn/i18n';
import { AnswerLimitReached, deviceIdOf, messagePage, parseAnswerBody, PageRequest, TouchpointPageService } from '@cairn/public';
import { RateLimit, RateLimitGuard } from '@cairn/rate-limit';
import { browserLocale, sendPage, wantsJson } from './html-reply';

const DEVICE_COOKIE = 'cairn_device';
type PageQuery = Record<string, unknown>;

/**
 * A touchpoint's public answer page, the target of its QR code (`/t/:key?w=<workspace>`) and, with `kiosk=1`, the
 * tablet at the exit. GET only shows (and gives the device its id cookie); POST records an anonymous answer.
 */
@ApiExcludeController()
@UseGuards(RateLimitGuard)
@Controller('t')
export class TouchpointPageController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pages: TouchpointPageService,
  ) {}

  @Get(':touchpointKey')
  @RateLimit('answer-page')
  async page(@Param('touchpointKey') key: string, @Query() query: PageQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const req = pageRequest(key, query, request);
    try {
      const page = await this.pages.page(req, actionOf(req));
      if (!readDevice(request)) {
        // Secure whenever the site is public over HTTPS, as the session cookie (a TLS proxy may hide the scheme).
        const secure = request.protocol === 'https' || this.config.publicBaseUrl.startsWith('https:') ? '; Secure' : '';
        void reply.header(
          'set-cookie',
          `${DEVICE_COOKIE}=${randomBytes(16).toString('base64url')}; Path=/t; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`,
        );
      }
      sendPage(reply, 200, page);
    } catch (error) {
      this.failPage(req, reply, error);
    }
  }

  @Post(':touchpointKey')
  async submit(
    @Param('touchpointKey') key: string,
    @Query() query: PageQuery,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const req = pageRequest(key, query, request);
    const json = wantsJson(request);
    try {
      const input = parseAnswerBody(body);
      const device = deviceIdOf((body as Record<string, unknown> | null)?.device, readDevice(request));
      const { response, locale } = await this.pages.submit(req, input, { deviceId: device, ip: request.ip });
      if (json) {
        const { id, score, comment, source, createdAt } = response;
        return void reply.status(201).send({ id, score, comment, source, createdAt, outcome: 'created' });
      }
      sendPage(reply, 200, messagePage(locale, t(locale, 'page.thanks')));
    } catch (error) {
      if (error instanceof AnswerLimitReached) void reply.header('retry-after', String(error.waitSeconds));
      if (json) throw error;
      this.failPage(req, reply, error);
    }
  }

  private failPage(req: PageRequest, reply: FastifyReply, error: unknown): void {
    if (!(error instanceof HttpException)) throw error;
    const status = error.getStatus();
    const key = status === 404 ? 'page.invalidLink' : status === 429 ? 'page.tooMany' : status === 400 ? 'page.chooseScore' : null;
    if (!key) throw error;
    sendPage(reply, status, messagePage(req.locale, t(req.locale, key)));
  }
}

function pageRequest(key: string, query: PageQuery, request: FastifyRequest): PageRequest {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : null);
  const reset = Number(text('reset'));
  return {
    key,
    workspace: text('w'),
    kiosk: ['1', 'true'].includes(text('kiosk') ?? ''),
    // A kiosk's language is set in its link (lang=sv); a phone's comes from its browser.
    locale: text('lang') !== null ? resolveLocale(text('lang')) : browserLocale(request),
    resetSeconds: Number.isInteger(reset) && reset >= 1 && reset <= 60 ? reset : undefined,
  };
}

/** The form posts back to the same link, keeping what chose the workspace, the mode and the language. */
function actionOf(req: PageRequest): string {
  const params = new URLSearchParams();
  if (req.workspace !== null) params.set('w', req.workspace);
  if (req.kiosk) params.set('kiosk', '1');
  params.set('lang', req.locale);
  return `/t/${encodeURIComponent(req.key)}?${params.toString()}`;
}

function readDevice(request: FastifyRequest): string | null {
  const match = /(?:^|;\s*)cairn_device=([^;]+)/.exec(String(request.headers.cookie ?? ''));
  return deviceIdOf(match?.[1]);
}
