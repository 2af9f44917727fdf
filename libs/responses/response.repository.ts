import { Injectable } from '@nestjs/common';
import type { InvitationStatus, Metric } from '@cairn/database';
import { Prisma } from '@cairn/database';
import { PrismaService, Tx } from '@cairn/database';
import { ANSWER_TARGET_SELECT } from './answer-target.sql';

/** An invitation, locked, with everything an answer to it needs; one round trip on the hot path. */
export interface LockedInvitation {
  /** The response token's hash it was found by. */
  tokenHash: string;
  invitationId: string;
  workspaceId: string;
  status: InvitationStatus;
  /** Set by the first answer and never cleared: retention and erasure unlink the response, not this. */
  respondedAt: Date | null;
  expiresAt: Date;
  erasedAt: Date | null;
  locale: string | null;
  surveyId: string;
  metric: Metric;
  /** The survey's channel: answers to an SMS survey (by reply or through its short link) have source sms. */
  channel: 'email' | 'sms';
  /** Null, with stageId, for an invitation of a relationship survey. */
  touchpointId: string | null;
  stageId: string | null;
  journeyId: string;
  personId: string;
  personProperties: Record<string, unknown>;
  editWindowSeconds: number;
}

/** Writes of responses and the invitation state they change; every method runs inside the caller's transaction. */
@Injectable()
export class ResponseRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The invitation behind a response token, locked so answers to it run one
   * at a time, re-read under the lock (a cancel that just committed counts).
   */
  async lockByTokenHash(tx: Tx, tokenHash: string): Promise<LockedInvitation | null> {
    const rows = await tx.$queryRaw<LockedInvitation[]>`
      ${Prisma.raw(ANSWER_TARGET_SELECT)}
      WHERE t.token_hash = ${tokenHash} AND t.kind = 'response'
      FOR UPDATE OF i`;
    return rows[0] ?? null;
  }

  findById(id: string) {
    return this.prisma.response.findUnique({ where: { id } });
  }

  /** A separate statement after the lock: it sees an answer committed while this one waited. */
  findByInvitation(invitationId: string, db: Tx | PrismaService = this.prisma) {
    return db.response.findUnique({ where: { invitationId } });
  }

  create(tx: Tx, data: Prisma.ResponseUncheckedCreateInput) {
    return tx.response.create({ data });
  }

  update(
    tx: Tx,
    id: string,
    data: { score?: number; comment?: string | null; updatedAt: Date; settling?: boolean; settledScore?: number | null },
  ) {
    return tx.response.update({ where: { id }, data });
  }

  async markResponded(tx: Tx, invitationId: string, at: Date): Promise<void> {
    await tx.invitation.update({ where: { id: invitationId }, data: { status: 'responded', respondedAt: at } });
  }
}
