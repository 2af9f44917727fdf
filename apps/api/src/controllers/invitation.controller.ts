import { Controller, Get, NotFoundException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { InvitationRepository } from '../../../../libs/distribution/invitation.repository';
import { toInvitationDto } from '../../../../libs/distribution/invitation.mapper';
import { InvitationResponse } from '../../../../libs/distribution/invitation.response';
import { ApiErrors } from '../../../../libs/common/error.response';
import { UuidParam } from '../../../../libs/common/uuid-param';

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
