import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { ApiErrors } from '@cairn/common';
import { DeliverabilityResponse, DeliverabilityService, ProviderHookCredentialsResponse } from '@cairn/deliverability';

/** Sent, bounced and complained over 24 h and 7 days, the sending pause and its resume, the providers' hook password. */
@ApiTags('deliverability')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/deliverability')
export class DeliverabilityController {
  constructor(private readonly deliverability: DeliverabilityService) {}

  @Get()
  @ApiOkResponse({ type: DeliverabilityResponse })
  get(@Auth() auth: AuthContext): Promise<DeliverabilityResponse> {
    return this.deliverability.overview(auth.workspaceId);
  }

  /** Sending starts again after a pause; the surveys that waited go out. */
  @Post('resume')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: DeliverabilityResponse })
  resume(@Auth() auth: AuthContext): Promise<DeliverabilityResponse> {
    return this.deliverability.resume(auth.workspaceId);
  }

  /** A new basic-auth password for /hooks/ses and /hooks/postmark, shown once. */
  @Post('hook-credentials')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOkResponse({ type: ProviderHookCredentialsResponse })
  rotate(@Auth() auth: AuthContext): Promise<ProviderHookCredentialsResponse> {
    return this.deliverability.rotateHookPassword(auth.workspaceId);
  }
}
