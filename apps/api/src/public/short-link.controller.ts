import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RateLimit, RateLimitGuard } from '@cairn/rate-limit';

/**
 * The short link in survey texts: /s/:token is the invitation's answer page under a shorter path. Like /r/:token a
 * GET never records anything (link previews and scanners open it); it only sends the browser to the page, which asks.
 */
@ApiExcludeController()
@UseGuards(RateLimitGuard)
@Controller('s')
export class ShortLinkController {
  @Get(':token')
  @RateLimit('answer-page')
  open(@Param('token') token: string, @Res() reply: FastifyReply): void {
    // Not a token's shape: the answer page's own 404, never a redirect to somewhere else.
    const target = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? token : '-';
    reply.status(303).header('location', `/r/${target}`).header('cache-control', 'no-store').send();
  }
}
