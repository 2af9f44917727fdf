import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import {
  ApiDelightedErrors,
  asParams,
  AutopilotPlatform,
  DELIGHTED_PATH,
  DelightedAutopilotConfigurationResponse,
  DelightedAutopilotMembershipResponse,
  DelightedAutopilotService,
  DelightedExceptionFilter,
  DelightedRateLimitGuard,
  DelightedValidationError,
} from '@cairn/delighted';
import { nextPageLink } from './delighted-link';

function platformOf(raw: string): AutopilotPlatform {
  const platform = raw.replace(/\.json$/, '');
  if (platform !== 'email' && platform !== 'sms')
    throw new DelightedValidationError({ platform_id: ['is not included in the list (email, sms)'] });
  return platform;
}

/** Delighted's Autopilot (configuration and memberships per platform), on relationship surveys (docs/moving-from-delighted.md). */
@ApiTags('delighted')
@ApiBasicAuth()
@UseGuards(AuthGuard, DelightedRateLimitGuard)
@UseFilters(DelightedExceptionFilter)
@ApiDelightedErrors(401, 429)
@Controller(DELIGHTED_PATH)
export class DelightedAutopilotController {
  constructor(
    private readonly autopilot: DelightedAutopilotService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('autopilot/:platform')
  @ApiOkResponse({ type: DelightedAutopilotConfigurationResponse })
  @ApiDelightedErrors(422)
  configuration(@Auth() auth: AuthContext, @Param('platform') platform: string): Promise<DelightedAutopilotConfigurationResponse> {
    return this.autopilot.configuration(auth.workspaceId, platformOf(platform));
  }

  @Get(['autopilot/:platform/memberships', 'autopilot/:platform/memberships.json'])
  @ApiOkResponse({ type: [DelightedAutopilotMembershipResponse], description: 'the next page, if any, is in the Link header' })
  @ApiDelightedErrors(422)
  async list(
    @Auth() auth: AuthContext,
    @Param('platform') platform: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DelightedAutopilotMembershipResponse[]> {
    const page = await this.autopilot.list(auth.workspaceId, platformOf(platform), query);
    if (page.next) reply.header('Link', nextPageLink(this.config.publicBaseUrl, request, page.next));
    return page.members;
  }

  @Post(['autopilot/:platform/memberships', 'autopilot/:platform/memberships.json'])
  @HttpCode(200)
  @ApiOkResponse({ type: DelightedAutopilotMembershipResponse })
  @ApiDelightedErrors(422)
  add(
    @Auth() auth: AuthContext,
    @Param('platform') platform: string,
    @Body() body: unknown,
  ): Promise<DelightedAutopilotMembershipResponse> {
    return this.autopilot.add(auth.workspaceId, platformOf(platform), asParams(body));
  }

  /** The Node client sends the person in the query string and an empty JSON body; a JSON body works too. */
  @Delete(['autopilot/:platform/memberships', 'autopilot/:platform/memberships.json'])
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: DelightedAutopilotMembershipResponse })
  @ApiDelightedErrors(403, 404, 422)
  remove(
    @Auth() auth: AuthContext,
    @Param('platform') platform: string,
    @Query() query: Record<string, unknown>,
    @Body() body: unknown,
  ): Promise<Pick<DelightedAutopilotMembershipResponse, 'person'>> {
    return this.autopilot.remove(auth.workspaceId, platformOf(platform), { ...query, ...asParams(body) });
  }
}
