import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { one } from '../../../../libs/common/query-param';
import { CreateSurveyDto, UpdateSurveyDto } from '../../../../libs/survey/survey.dto';
import { SurveyService } from '../../../../libs/survey/survey.service';

@ApiTags('surveys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/surveys')
export class SurveyController {
  constructor(private readonly surveys: SurveyService) {}

  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateSurveyDto) {
    return this.surveys.create(auth.workspaceId, dto);
  }

  @Get()
  list(@Auth() auth: AuthContext, @Query('touchpointId') touchpointId?: string) {
    return this.surveys.list(auth.workspaceId, { touchpointId: one(touchpointId) });
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.surveys.get(auth.workspaceId, id);
  }

  @Patch(':id')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateSurveyDto) {
    return this.surveys.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.surveys.delete(auth.workspaceId, id);
  }
}
