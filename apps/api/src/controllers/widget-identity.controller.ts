import { Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { IdentitySecretService, IdentitySecretCreatedResponse, IdentitySecretStatusResponse } from '@cairn/public';
import { ApiErrors } from '@cairn/common';

/**
 * The widget's identity-verification secret. Sites sign the visitor's
 * externalId (or email) with it on their server and pass the hex HMAC-SHA256
 * as person.userHash; unsigned answers are stored anonymously.
 */
@ApiTags('widget')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@ApiErrors(401, 403)
@Controller('api/v1/widget/identity-secret')
export class WidgetIdentityController {
  constructor(private readonly secrets: IdentitySecretService) {}

  @Get()
  @ApiOkResponse({ type: IdentitySecretStatusResponse })
  status(@Auth() auth: AuthContext): Promise<IdentitySecretStatusResponse> {
    return this.secrets.status(auth.workspaceId);
  }

  /** Creates or rotates the secret; this answer is the only one that shows it. */
  @Post()
  @ApiCreatedResponse({ type: IdentitySecretCreatedResponse })
  rotate(@Auth() auth: AuthContext): Promise<IdentitySecretCreatedResponse> {
    return this.secrets.rotate(auth.workspaceId);
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'identity verification off' })
  async remove(@Auth() auth: AuthContext): Promise<void> {
    await this.secrets.remove(auth.workspaceId);
  }
}
