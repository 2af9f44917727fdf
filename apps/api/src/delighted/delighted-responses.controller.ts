import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { DelightedValidationError } from '../../../../libs/delighted/delighted-errors';
import { DelightedExceptionFilter } from '../../../../libs/delighted/delighted-exception.filter';
import { asParams } from '../../../../libs/delighted/delighted-params';
import { DelightedRateLimitGuard } from '../../../../libs/delighted/delighted-rate-limit.guard';
import { DelightedResponsesService } from '../../../../libs/delighted/delighted-responses.service';

const withoutJson = (id: string) => id.replace(/\.json$/, '');

@ApiTags('delighted')
@ApiBasicAuth()
@UseGuards(AuthGuard, DelightedRateLimitGuard)
@UseFilters(DelightedExceptionFilter)
@Controller('compat/delighted/v1')
export class DelightedResponsesController {
  constructor(private readonly responses: DelightedResponsesService) {}

  @Get(['survey_responses', 'survey_responses.json'])
  list(@Auth() auth: AuthContext, @Query() query: Record<string, unknown>) {
    return this.responses.list(auth.workspaceId, query);
  }

  @Post(['survey_responses', 'survey_responses.json'])
  @HttpCode(201)
  create(@Auth() auth: AuthContext, @Body() body: unknown) {
    return this.responses.create(auth.workspaceId, asParams(body));
  }

  @Get('survey_responses/:id')
  get(@Auth() auth: AuthContext, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.responses.get(auth.workspaceId, withoutJson(id), query);
  }

  @Put('survey_responses/:id')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() body: unknown) {
    return this.responses.update(auth.workspaceId, withoutJson(id), asParams(body));
  }

  /** Delighted's Node client saves to the collection path with the id in the body. */
  @Put(['survey_responses', 'survey_responses.json'])
  updateByBody(@Auth() auth: AuthContext, @Body() body: unknown) {
    const params = asParams(body);
    if (typeof params.id !== 'string' && typeof params.id !== 'number') throw new DelightedValidationError({ id: ["can't be blank"] });
    return this.responses.update(auth.workspaceId, String(params.id), params);
  }
}
