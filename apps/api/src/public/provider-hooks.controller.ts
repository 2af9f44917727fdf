import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProviderHooksService } from '@cairn/deliverability';
import { RateLimit, RateLimitGuard } from '@cairn/rate-limit';

/** Email providers' event webhooks: Amazon SES through SNS (signature checked), Postmark. Basic auth per workspace. */
@ApiExcludeController()
@UseGuards(RateLimitGuard)
@Controller('hooks')
export class ProviderHooksController {
  constructor(private readonly hooks: ProviderHooksService) {}

  @Post('ses')
  @HttpCode(200)
  @RateLimit('provider-hooks')
  async ses(@Headers('authorization') authorization: string | undefined, @Body() body: unknown): Promise<{ recorded: number }> {
    return this.hooks.ses(await this.hooks.authenticate(authorization), body);
  }

  @Post('postmark')
  @HttpCode(200)
  @RateLimit('provider-hooks')
  async postmark(@Headers('authorization') authorization: string | undefined, @Body() body: unknown): Promise<{ recorded: number }> {
    return this.hooks.postmark(await this.hooks.authenticate(authorization), body);
  }
}
