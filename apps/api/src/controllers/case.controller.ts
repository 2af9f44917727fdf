import { Body, Controller, Get, Patch, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { ListCasesQuery, UpdateCaseDto, CaseService, CaseListResponse, CaseResponse } from '@cairn/cases';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('cases')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Get()
  @ApiOkResponse({ type: CaseListResponse })
  @ApiErrors(400)
  list(@Auth() auth: AuthContext, @Query() query: ListCasesQuery): Promise<CaseListResponse> {
    return this.cases.list(auth.workspaceId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: CaseResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<CaseResponse> {
    return this.cases.get(auth.workspaceId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CaseResponse })
  @ApiErrors(400, 404)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateCaseDto): Promise<CaseResponse> {
    return this.cases.update(auth, id, dto);
  }
}
