import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { InvitationRepository } from '../../../../libs/distribution/invitation.repository';
import { toInvitationDto } from '../../../../libs/distribution/invitation.mapper';

@ApiTags('invitations')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/invitations')
export class InvitationController {
  constructor(private readonly invitations: InvitationRepository) {}

  @Get(':id')
  async get(@Auth() auth: AuthContext, @Param('id') id: string) {
    const row = await this.invitations.find(auth.workspaceId, id);
    if (!row) throw new NotFoundException('Invitation not found');
    return toInvitationDto(row);
  }
}
