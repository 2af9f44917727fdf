import { Body, Controller, Get, Patch, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import {
  CaseCountsResponse,
  CaseFilterQuery,
  CaseHistoryResponse,
  CaseHistoryService,
  CaseListResponse,
  CaseResponse,
  CaseService,
  CaseSettingsResponse,
  ListCasesQuery,
  UpdateCaseDto,
  UpdateCaseSettingsDto,
} from '@cairn/cases';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('cases')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1')
export class CaseController {
  constructor(
    private readonly cases: CaseService,
    private readonly history: CaseHistoryService,
  ) {}

  @Get('cases')
  @ApiOkResponse({ type: CaseListResponse })
  @ApiErrors(400)
  list(@Auth() auth: AuthContext, @Query() query: ListCasesQuery): Promise<CaseListResponse> {
    return this.cases.list(auth.workspaceId, query);
  }

  /** Cases per status (the list's tabs) and overdue ones, under the list's filters. */
  @Get('cases/counts')
  @ApiOkResponse({ type: CaseCountsResponse })
  @ApiErrors(400)
  counts(@Auth() auth: AuthContext, @Query() query: CaseFilterQuery): Promise<CaseCountsResponse> {
    return this.cases.counts(auth.workspaceId, query);
  }

  @Get('cases/:id')
  @ApiOkResponse({ type: CaseResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<CaseResponse> {
    return this.cases.get(auth.workspaceId, id);
  }

  /** The case page: the answer, person, event, touchpoint, alerts, webhooks sent, notes and SLA, with a timeline. */
  @Get('cases/:id/history')
  @ApiOkResponse({ type: CaseHistoryResponse })
  @ApiErrors(400, 404)
  historyOf(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<CaseHistoryResponse> {
    return this.history.get(auth.workspaceId, id);
  }

  @Patch('cases/:id')
  @ApiOkResponse({ type: CaseResponse })
  @ApiErrors(400, 404)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateCaseDto): Promise<CaseResponse> {
    return this.cases.update(auth, id, dto);
  }

  @Get('case-settings')
  @ApiOkResponse({ type: CaseSettingsResponse })
  settings(@Auth() auth: AuthContext): Promise<CaseSettingsResponse> {
    return this.cases.settings(auth.workspaceId);
  }

  @Patch('case-settings')
  @RequireRole('admin')
  @ApiOkResponse({ type: CaseSettingsResponse })
  @ApiErrors(400)
  updateSettings(@Auth() auth: AuthContext, @Body() dto: UpdateCaseSettingsDto): Promise<CaseSettingsResponse> {
    return this.cases.updateSettings(auth.workspaceId, dto);
  }
}
