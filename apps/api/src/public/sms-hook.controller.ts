import { Body, Controller, Headers, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimit, RateLimitGuard } from '@cairn/rate-limit';
import { HookParams, SmsHookService } from '@cairn/sms';

/** An empty TwiML answer: Cairn sends no automatic reply text. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** The SMS provider's replies and delivery callbacks (Twilio's form fields); 403 without a valid signature. */
@ApiExcludeController()
@UseGuards(RateLimitGuard)
@Controller('hooks/sms')
export class SmsHookController {
  constructor(private readonly hooks: SmsHookService) {}

  @Post()
  @HttpCode(200)
  @RateLimit('sms-hook')
  async receive(
    @Req() request: FastifyRequest,
    @Body() body: unknown,
    @Headers('x-twilio-signature') signature: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.hooks.handle(request.url, formFields(body), signature);
    reply.status(200).header('content-type', 'text/xml; charset=utf-8').send(EMPTY_TWIML);
  }
}

/** The posted fields as strings; anything else (a JSON body, nested values) is left out and so fails the signature. */
function formFields(body: unknown): HookParams {
  const fields: HookParams = {};
  if (!body || typeof body !== 'object') return fields;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}
