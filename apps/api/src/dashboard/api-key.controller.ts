import { Body, Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, ApiKeyService, AuthGuard, RequireRole, ApiKeyCreatedResponse, ApiKeyListResponse } from '@cairn/auth';
import { CreateApiKeyDto } from './api-key.dto';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('api keys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@ApiErrors(401, 403)
@Controller('api/v1/api-keys')
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Get()
  @ApiOkResponse({ type: ApiKeyListResponse })
  async list(@Auth() auth: AuthContext): Promise<ApiKeyListResponse> {
    return { data: await this.keys.list(auth.workspaceId) };
  }

  /** The key is in this answer only; afterwards just its prefix is known. */
  @Post()
  @ApiCreatedResponse({ type: ApiKeyCreatedResponse })
  @ApiErrors(400)
  create(@Auth() auth: AuthContext, @Body() dto: CreateApiKeyDto): Promise<ApiKeyCreatedResponse> {
    return this.keys.create(auth.workspaceId, dto.name, dto.role ?? 'admin');
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked' })
  @ApiErrors(400, 404)
  async revoke(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.keys.revoke(auth.workspaceId, id);
  }
}
