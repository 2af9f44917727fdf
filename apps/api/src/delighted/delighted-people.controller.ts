import { Body, Controller, Delete, Inject, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBasicAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import {
  DelightedExceptionFilter,
  asParams,
  DelightedPeopleQueryService,
  DelightedPeopleService,
  DelightedRateLimitGuard,
  DelightedCreatedPersonResponse,
  DelightedOkResponse,
  DelightedPersonResponse,
  ApiDelightedErrors,
  DELIGHTED_PATH,
} from '@cairn/delighted';
import { nextPageLink } from './delighted-link';

/** Delighted's people endpoints; paths work with and without `.json`, as Delighted's clients use both. */
@ApiTags('delighted')
@ApiBasicAuth()
@UseGuards(AuthGuard, DelightedRateLimitGuard)
@UseFilters(DelightedExceptionFilter)
@ApiDelightedErrors(401, 429)
@Controller(DELIGHTED_PATH)
export class DelightedPeopleController {
  constructor(
    private readonly people: DelightedPeopleService,
    private readonly query: DelightedPeopleQueryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(['people', 'people.json'])
  @HttpCode(200)
  @ApiOkResponse({ type: DelightedCreatedPersonResponse })
  @ApiDelightedErrors(422)
  async create(
    @Auth() auth: AuthContext,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DelightedCreatedPersonResponse> {
    const person = await this.people.create(auth.workspaceId, asParams(body));
    if (person.cairn_invitation) reply.header('X-Cairn-Invitation-Status', person.cairn_invitation.status);
    return person;
  }

  @Get(['people', 'people.json'])
  @ApiOkResponse({ type: [DelightedPersonResponse], description: 'the next page, if any, is in the Link header' })
  @ApiDelightedErrors(422)
  async list(
    @Auth() auth: AuthContext,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DelightedPersonResponse[]> {
    const page = await this.query.list(auth.workspaceId, query);
    if (page.next) reply.header('Link', nextPageLink(this.config.publicBaseUrl, request, page.next));
    return page.people;
  }

  @Delete(['people/:email/survey_requests/pending', 'people/:email/survey_requests/pending.json'])
  @HttpCode(200)
  @ApiOkResponse({ type: DelightedOkResponse })
  @ApiDelightedErrors(404, 422)
  async cancelPending(@Auth() auth: AuthContext, @Param('email') email: string): Promise<DelightedOkResponse> {
    await this.query.cancelPending(auth.workspaceId, email);
    return { ok: true };
  }

  /** Erasure: irreversible, so admin keys only (API keys are admin unless made otherwise). */
  @Delete('people/:identifier')
  @HttpCode(202)
  @RequireRole('admin')
  @ApiAcceptedResponse({ type: DelightedOkResponse })
  @ApiDelightedErrors(403, 404)
  async remove(@Auth() auth: AuthContext, @Param('identifier') identifier: string): Promise<DelightedOkResponse> {
    await this.query.remove(auth.workspaceId, identifier);
    return { ok: true };
  }
}
