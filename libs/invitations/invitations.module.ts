import { Module } from '@nestjs/common';
import { InvitationTokenRepository } from './invitation-token.repository';

/** Invitation link tokens: distribution issues them, the public answer pages read them. */
@Module({ providers: [InvitationTokenRepository], exports: [InvitationTokenRepository] })
export class InvitationsModule {}
