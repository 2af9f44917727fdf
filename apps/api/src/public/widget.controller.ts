import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { browserScript } from '@cairn/public';
import { RateLimit, RateLimitGuard } from '@cairn/rate-limit';

@ApiExcludeController()
@UseGuards(RateLimitGuard)
@Controller()
export class WidgetController {
  @Get('widget.js')
  @RateLimit('widget')
  widget(@Res() reply: FastifyReply): void {
    void reply
      .headers({
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
        // Loaded by other sites' pages on purpose.
        'cross-origin-resource-policy': 'cross-origin',
      })
      .send(browserScript('widget.js'));
  }
}
