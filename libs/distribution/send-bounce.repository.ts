import { Injectable } from '@nestjs/common';
import { emailHash, sha256Hex } from '@cairn/common';
import { Tx } from '@cairn/database';

/**
 * A recipient the SMTP server refused while Cairn was sending (5xx at RCPT TO), recorded as a hard bounce beside
 * the reports read back later (libs/deliverability), so the figures and the reputation guard count it too.
 */
@Injectable()
export class SendBounceRepository {
  async record(tx: Tx, input: { workspaceId: string; invitationId: string | null; email: string; reminder: boolean; detail: string }) {
    const at = input.email.lastIndexOf('@');
    const status = /\b5\.\d{1,3}\.\d{1,3}\b/.exec(input.detail)?.[0] ?? null;
    await tx.bounce.createMany({
      data: [
        {
          workspaceId: input.workspaceId,
          invitationId: input.invitationId,
          emailHash: emailHash(input.email),
          domain: input.email.slice(at + 1).toLowerCase(),
          kind: 'hard',
          source: 'smtp-send',
          status,
          // One per invitation (and one per reminder): a retried job does not count it twice.
          reportKey: sha256Hex(`smtp-send:${input.invitationId ?? emailHash(input.email)}:${input.reminder ? 'reminder' : 'first'}`),
        },
      ],
      skipDuplicates: true,
    });
  }
}
