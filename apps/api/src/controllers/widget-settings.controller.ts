import { Body, Controller, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { UpdateWidgetSettingsDto, WidgetSettingsResponse, WidgetSettingsService } from '@cairn/public';
import { ApiErrors } from '@cairn/common';

/** The widget's publishable key and allowed origins, set up by admins (the dashboard's Settings › Widget). */
@ApiTags('widget')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@ApiErrors(401, 403)
@Controller('api/v1/widget')
export class WidgetSettingsController {
  constructor(private readonly settings: WidgetSettingsService) {}

  @Get('settings')
  @ApiOkResponse({ type: WidgetSettingsResponse })
  get(@Auth() auth: AuthContext): Promise<WidgetSettingsResponse> {
    return this.settings.get(auth.workspaceId);
  }

  @Patch('settings')
  @ApiOkResponse({ type: WidgetSettingsResponse })
  @ApiErrors(400)
  update(@Auth() auth: AuthContext, @Body() dto: UpdateWidgetSettingsDto): Promise<WidgetSettingsResponse> {
    return this.settings.update(auth.workspaceId, dto);
  }

  /** A new publishable key; pages still carrying the old one stop working at once. */
  @Post('publishable-key')
  @HttpCode(200)
  @ApiOkResponse({ type: WidgetSettingsResponse })
  rotateKey(@Auth() auth: AuthContext): Promise<WidgetSettingsResponse> {
    return this.settings.rotateKey(auth.workspaceId);
  }
}
