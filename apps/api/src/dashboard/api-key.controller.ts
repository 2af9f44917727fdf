import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { ApiKeyService } from '../../../../libs/auth/api-key.service';
import { AuthGuard, RequireRole } from '../../../../libs/auth/auth.guard';
import { CreateApiKeyDto } from './api-key.dto';

@ApiTags('api keys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@Controller('api/v1/api-keys')
export class ApiKeyController {
  constructor(private readonly keys: ApiKeyService) {}

  @Get()
  async list(@Auth() auth: AuthContext) {
    return { data: await this.keys.list(auth.workspaceId) };
  }

  /** The key is in this answer only; afterwards just its prefix is known. */
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateApiKeyDto) {
    return this.keys.create(auth.workspaceId, dto.name, dto.role ?? 'admin');
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.keys.revoke(auth.workspaceId, id);
  }
}
