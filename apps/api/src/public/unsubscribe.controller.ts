import { Controller, Get, HttpException, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '@cairn/i18n';
import { UnsubscribePageService, messagePage } from '@cairn/public';
import { RateLimit, RateLimitGuard } from '@cairn/rate-limit';
import { browserLocale, sendPage } from './html-reply';

/** RFC 8058 one-click unsubscribe: POST does it (no cookie, no redirect), GET only shows a button. */
@ApiExcludeController()
@UseGuards(RateLimitGuard)
@Controller('u')
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribePageService) {}

  @Get(':token')
  @RateLimit('answer-page')
  async page(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.respond(request, reply, () => this.unsubscribes.page(token));
  }

  @Post(':token')
  @RateLimit('unsubscribe')
  async unsubscribe(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.respond(request, reply, () => this.unsubscribes.unsubscribe(token));
  }

  private async respond(request: FastifyRequest, reply: FastifyReply, work: () => ReturnType<UnsubscribePageService['page']>) {
    try {
      sendPage(reply, 200, await work());
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() !== 404) throw error;
      const locale = browserLocale(request);
      sendPage(reply, 404, messagePage(locale, t(locale, 'page.invalidLink')));
    }
  }
}
