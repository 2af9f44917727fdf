import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { ApiErrors, UuidParam } from '@cairn/common';
import {
  CreateImprovementDto,
  ImprovementListResponse,
  ImprovementResponse,
  ImprovementService,
  ListImprovementsQuery,
  UpdateImprovementDto,
} from '@cairn/improvements';

/** Improvements and their measured effect: everyone reads them, managers record and change them. */
@ApiTags('improvements')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/improvements')
export class ImprovementController {
  constructor(private readonly improvements: ImprovementService) {}

  @Get()
  @ApiOkResponse({ type: ImprovementListResponse })
  @ApiErrors(400)
  list(@Auth() auth: AuthContext, @Query() query: ListImprovementsQuery): Promise<ImprovementListResponse> {
    return this.improvements.list(auth.workspaceId, query);
  }

  @Post()
  @RequireRole('manager')
  @ApiCreatedResponse({ type: ImprovementResponse })
  @ApiErrors(400, 404, 422)
  create(@Auth() auth: AuthContext, @Body() dto: CreateImprovementDto): Promise<ImprovementResponse> {
    return this.improvements.create(auth.workspaceId, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: ImprovementResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<ImprovementResponse> {
    return this.improvements.get(auth.workspaceId, id);
  }

  @Patch(':id')
  @RequireRole('manager')
  @ApiOkResponse({ type: ImprovementResponse })
  @ApiErrors(400, 404, 422)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateImprovementDto): Promise<ImprovementResponse> {
    return this.improvements.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @RequireRole('manager')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(400, 404)
  async remove(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.improvements.remove(auth.workspaceId, id);
  }
}
