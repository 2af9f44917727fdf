import { Body, Controller, ForbiddenException, Get, Headers, HttpCode, Options, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  corsHeaders,
  PREFLIGHT_HEADERS,
  PublicResponseDto,
  PublicResponseService,
  PublicAnswerResponse,
  PublicSurveyResponse,
} from '@cairn/public';
import { RateLimit, RateLimitGuard } from '@cairn/rate-limit';
import { one, ApiErrors } from '@cairn/common';

/** In-app and widget answers, called from customers' pages with the workspace's publishable key. */
@ApiTags('public')
@UseGuards(RateLimitGuard)
@Controller('api/v1/public')
export class PublicResponseController {
  constructor(private readonly publicResponses: PublicResponseService) {}

  @Options(['responses', 'surveys/:touchpointKey'])
  @ApiNoContentResponse({ description: 'CORS preflight of an allowed origin' })
  @ApiErrors(403, 429)
  @RateLimit('public-api')
  async preflight(@Headers('origin') origin: string | undefined, @Res() reply: FastifyReply) {
    if (!origin || !(await this.publicResponses.preflightAllowed(origin))) throw new ForbiddenException('Origin not allowed');
    void reply
      .status(204)
      .headers({ ...corsHeaders(origin), ...PREFLIGHT_HEADERS })
      .send();
  }

  @Post('responses')
  @HttpCode(201)
  @RateLimit('public-api')
  @ApiCreatedResponse({ type: PublicAnswerResponse })
  @ApiErrors(400, 401, 403, 404, 429)
  async answer(
    @Body() dto: PublicResponseDto,
    @Headers('origin') origin: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicAnswerResponse> {
    const result = await this.publicResponses.answer(dto, origin);
    if (origin) void reply.headers(corsHeaders(origin));
    return result;
  }

  @Get('surveys/:touchpointKey')
  @ApiOkResponse({ type: PublicSurveyResponse })
  @ApiErrors(401, 403, 404, 429)
  @RateLimit('public-api')
  async survey(
    @Param('touchpointKey') touchpointKey: string,
    @Query('workspaceKey') workspaceKey: unknown,
    @Query('locale') locale: unknown,
    @Headers('origin') origin: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicSurveyResponse> {
    const result = await this.publicResponses.survey(one(workspaceKey) ?? '', touchpointKey, one(locale), origin);
    if (origin) void reply.headers(corsHeaders(origin));
    return result;
  }
}
