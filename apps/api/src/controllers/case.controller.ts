import { Body, Controller, Get, Param, Patch, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { ListCasesQuery, UpdateCaseDto } from '../../../../libs/cases/case.dto';
import { CaseService } from '../../../../libs/cases/case.service';

@ApiTags('cases')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Get()
  list(@Auth() auth: AuthContext, @Query() query: ListCasesQuery) {
    return this.cases.list(auth.workspaceId, query);
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.cases.get(auth.workspaceId, id);
  }

  @Patch(':id')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateCaseDto) {
    return this.cases.update(auth, id, dto);
  }
}
