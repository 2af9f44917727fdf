import { Injectable } from '@nestjs/common';
import { randomToken, sha256Hex } from '@cairn/common';
import { PrismaService, Tx } from '@cairn/database';
import type { TokenKind } from '@cairn/database';
import { EmailLinks, newEmailLinks } from './email-links';

/**
 * Tokens in survey emails: 192 random bits, only their sha256 stored, each bound
 * to one invitation. Every email gets fresh tokens; earlier ones stay valid
 * until the invitation expires, so a reminder never breaks the first email.
 */
@Injectable()
export class InvitationTokenRepository {
  constructor(private readonly prisma: PrismaService) {}

  async issue(invitationId: string, kind: TokenKind, db: Tx | PrismaService = this.prisma): Promise<string> {
    const token = randomToken(24);
    await db.invitationToken.create({ data: { invitationId, kind, tokenHash: sha256Hex(token) } });
    return token;
  }

  /** An email's two links, its answer and its unsubscribe token, in one statement (a send's claim holds a transaction). */
  async issueLinks(invitationId: string, db: Tx | PrismaService = this.prisma): Promise<EmailLinks> {
    const { tokens, hashes } = newEmailLinks();
    await db.invitationToken.createMany({
      data: (['response', 'unsubscribe'] as const).map((kind) => ({ invitationId, kind, tokenHash: hashes[kind] })),
    });
    return tokens;
  }

  /** The invitation behind a token, or null; callers answer every miss with the same 404. */
  async resolve(token: string, kind: TokenKind) {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const row = await this.prisma.invitationToken.findUnique({
      where: { tokenHash: sha256Hex(token) },
      include: { invitation: { include: { survey: { include: { touchpoint: true } }, person: true } } },
    });
    return row && row.kind === kind ? row.invitation : null;
  }
}
