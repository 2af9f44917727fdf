import { Controller, Get, NotFoundException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { InvitationRepository, toInvitationDto, InvitationResponse } from '@cairn/distribution';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('invitations')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/invitations')
export class InvitationController {
  constructor(private readonly invitations: InvitationRepository) {}

  @Get(':id')
  @ApiOkResponse({ type: InvitationResponse })
  @ApiErrors(400, 401, 403, 404)
  async get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<InvitationResponse> {
    const row = await this.invitations.find(auth.workspaceId, id);
    if (!row) throw new NotFoundException('Invitation not found');
    return toInvitationDto(row);
  }
}
