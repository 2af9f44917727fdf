import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import {
  DelightedValidationError,
  DelightedExceptionFilter,
  asParams,
  DelightedRateLimitGuard,
  DelightedResponsesService,
  DelightedSurveyResponse,
  ApiDelightedErrors,
  DELIGHTED_PATH,
} from '@cairn/delighted';

const withoutJson = (id: string) => id.replace(/\.json$/, '');

@ApiTags('delighted')
@ApiBasicAuth()
@UseGuards(AuthGuard, DelightedRateLimitGuard)
@UseFilters(DelightedExceptionFilter)
@ApiDelightedErrors(401, 429)
@Controller(DELIGHTED_PATH)
export class DelightedResponsesController {
  constructor(private readonly responses: DelightedResponsesService) {}

  @Get(['survey_responses', 'survey_responses.json'])
  @ApiOkResponse({ type: [DelightedSurveyResponse] })
  @ApiDelightedErrors(422)
  list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>): Promise<DelightedSurveyResponse[]> {
    return this.responses.list(auth.workspaceId, query);
  }

  @Post(['survey_responses', 'survey_responses.json'])
  @HttpCode(201)
  @ApiCreatedResponse({ type: DelightedSurveyResponse })
  @ApiDelightedErrors(422)
  create(@Auth() auth: AuthContext, @Body() body: unknown): Promise<DelightedSurveyResponse> {
    return this.responses.create(auth.workspaceId, asParams(body));
  }

  @Get('survey_responses/:id')
  @ApiOkResponse({ type: DelightedSurveyResponse })
  @ApiDelightedErrors(404, 422)
  get(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<DelightedSurveyResponse> {
    return this.responses.get(auth.workspaceId, withoutJson(id), query);
  }

  @Put('survey_responses/:id')
  @ApiOkResponse({ type: DelightedSurveyResponse })
  @ApiDelightedErrors(404, 422)
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() body: unknown): Promise<DelightedSurveyResponse> {
    return this.responses.update(auth.workspaceId, withoutJson(id), asParams(body));
  }

  /** Delighted's Node client saves to the collection path with the id in the body. */
  @Put(['survey_responses', 'survey_responses.json'])
  @ApiOkResponse({ type: DelightedSurveyResponse })
  @ApiDelightedErrors(404, 422)
  updateByBody(@Auth() auth: AuthContext, @Body() body: unknown): Promise<DelightedSurveyResponse> {
    const params = asParams(body);
    if (typeof params.id !== 'string' && typeof params.id !== 'number') throw new DelightedValidationError({ id: ["can't be blank"] });
    return this.responses.update(auth.workspaceId, String(params.id), params);
  }
}
