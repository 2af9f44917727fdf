import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { ApiErrors } from '@cairn/common';
import { CreateThemeDto, ThemeListResponse, ThemeResponse, ThemeService, UpdateThemeDto } from '@cairn/insights';

/** Themes found in comments: everyone reads them, managers shape them (a change re-analyses past comments). */
@ApiTags('comment analysis')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/themes')
export class ThemeController {
  constructor(private readonly themes: ThemeService) {}

  @Get()
  @ApiOkResponse({ type: ThemeListResponse })
  list(@Auth() auth: AuthContext): Promise<ThemeListResponse> {
    return this.themes.list(auth.workspaceId);
  }

  @Post()
  @RequireRole('manager')
  @ApiCreatedResponse({ type: ThemeResponse })
  @ApiErrors(400, 409)
  create(@Auth() auth: AuthContext, @Body() dto: CreateThemeDto): Promise<ThemeResponse> {
    return this.themes.create(auth.workspaceId, dto);
  }

  @Patch(':key')
  @RequireRole('manager')
  @ApiOkResponse({ type: ThemeResponse })
  @ApiErrors(400, 404)
  update(@Auth() auth: AuthContext, @Param('key') key: string, @Body() dto: UpdateThemeDto): Promise<ThemeResponse> {
    return this.themes.update(auth.workspaceId, key, dto);
  }

  @Delete(':key')
  @RequireRole('manager')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404)
  async remove(@Auth() auth: AuthContext, @Param('key') key: string): Promise<void> {
    await this.themes.remove(auth.workspaceId, key);
  }
}
