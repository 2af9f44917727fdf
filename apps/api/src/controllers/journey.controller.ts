import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { CreateJourneyDto, CreateStageDto, UpdateJourneyDto, UpdateStageDto } from '../../../../libs/journey/journey.dto';
import { JourneyService } from '../../../../libs/journey/journey.service';

@ApiTags('journeys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1')
export class JourneyController {
  constructor(private readonly journeys: JourneyService) {}

  @Post('journeys')
  create(@Auth() auth: AuthContext, @Body() dto: CreateJourneyDto) {
    return this.journeys.create(auth.workspaceId, dto);
  }

  @Get('journeys')
  list(@Auth() auth: AuthContext) {
    return this.journeys.list(auth.workspaceId);
  }

  @Get('journeys/:id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.journeys.get(auth.workspaceId, id);
  }

  @Patch('journeys/:id')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateJourneyDto) {
    return this.journeys.update(auth.workspaceId, id, dto);
  }

  @Delete('journeys/:id')
  @HttpCode(204)
  async archive(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.journeys.archive(auth.workspaceId, id);
  }

  @Post('journeys/:id/stages')
  addStage(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: CreateStageDto) {
    return this.journeys.addStage(auth.workspaceId, id, dto);
  }

  @Patch('stages/:id')
  updateStage(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateStageDto) {
    return this.journeys.updateStage(auth.workspaceId, id, dto);
  }

  @Delete('stages/:id')
  @HttpCode(204)
  async deleteStage(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.journeys.deleteStage(auth.workspaceId, id);
  }
}
