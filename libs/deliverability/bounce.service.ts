import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, emailHash, sha256Hex } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { Tx } from '@cairn/database';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { DeliveryReport } from './delivery-report.parser';
import { BouncedInvitation, BounceRepository } from './bounce.repository';
import { ReputationGuardService } from './reputation-guard.service';
import { softBounceSuppresses } from './reputation.policy';

export type ReportSource = 'smtp' | 'ses' | 'postmark';
export type ReportOutcome = 'recorded' | 'duplicate' | 'ignored';

/** A report to record: what it says, where it came from, and its identity (the same report twice counts once). */
export interface IncomingReport extends DeliveryReport {
  source: ReportSource;
  reportId: string;
}

/**
 * Delivery reports and complaints read back: a hard bounce marks the invitation `bounced` and suppresses the
 * address, soft bounces add up to a suppression, a complaint suppresses and unsubscribes. A report that cannot be
 * tied to an email Cairn sent (unknown invitation, another address, another Message-ID) changes nothing.
 */
@Injectable()
export class BounceService {
  private readonly logger = new Logger(BounceService.name);

  constructor(
    private readonly bounces: BounceRepository,
    private readonly transactions: OutboxTransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly guard: ReputationGuardService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A report received at an invitation's VERP address. */
  async forInvitation(invitationId: string, report: IncomingReport): Promise<ReportOutcome> {
    const invitation = await this.bounces.invitation(invitationId);
    if (!invitation || !this.matches(invitation, report)) return 'ignored';
    return this.apply(invitation, report);
  }

  /** A provider's event for an address of the workspace (optionally naming the invitation). */
  async forWorkspace(workspaceId: string, report: IncomingReport & { invitationId?: string | null }): Promise<ReportOutcome> {
    if (!report.recipient) return 'ignored';
    const hash = emailHash(report.recipient);
    const named = report.invitationId ? await this.bounces.invitation(report.invitationId) : null;
    const invitation =
      named?.workspaceId === workspaceId && named.emailHash === hash ? named : await this.bounces.lastSentTo(workspaceId, hash);
    if (!invitation?.sentAt || invitation.emailHash !== hash) return 'ignored';
    return this.apply(invitation, report);
  }

  /** The report must be about the email Cairn sent: its recipient, and the quoted Message-ID when there is one. */
  private matches(invitation: BouncedInvitation, report: DeliveryReport): boolean {
    if (!invitation.sentAt || !invitation.emailHash) return false;
    const ids = invitation.messageId ? [invitation.messageId, invitation.messageId.replace(/@/, '.reminder@')] : [];
    const idMatches = report.originalMessageId ? ids.includes(report.originalMessageId) : null;
    const recipientMatches = report.recipient ? emailHash(report.recipient) === invitation.emailHash : null;
    if (idMatches === false || recipientMatches === false) return false;
    return idMatches === true || recipientMatches === true;
  }

  private async apply(invitation: BouncedInvitation, report: IncomingReport): Promise<ReportOutcome> {
    const email = invitation.email;
    if (!email || !invitation.emailHash) return 'ignored';
    const { workspaceId } = invitation;
    const recorded = await this.transactions.run(async (tx) => {
      const row = {
        workspaceId,
        invitationId: invitation.id,
        emailHash: invitation.emailHash!,
        domain: email.slice(email.lastIndexOf('@') + 1).toLowerCase(),
        kind: report.kind,
        source: report.source,
        status: report.status?.slice(0, 100) ?? null,
        reportKey: sha256Hex(`${report.source}:${report.reportId}`),
      };
      if (!(await this.bounces.record(tx, row))) return false;
      if (report.kind === 'complaint') await this.complaint(tx, invitation, email, report);
      else if (report.kind === 'hard' || (await this.softLimitReached(tx, invitation))) await this.bounced(tx, invitation, email, report);
      return true;
    });
    if (!recorded) return 'duplicate';
    this.logger.log(`${report.source} ${report.kind} report for invitation ${invitation.id}`);
    await this.guard.check(workspaceId);
    return 'recorded';
  }

  private async softLimitReached(tx: Tx, invitation: BouncedInvitation): Promise<boolean> {
    const { softBounceLimit, softBounceWindowDays } = this.config.deliverability;
    const since = new Date(this.clock.now().getTime() - softBounceWindowDays * 86_400_000);
    const seen = await this.bounces.softBounces(tx, invitation.workspaceId, invitation.emailHash!, since);
    return softBounceSuppresses(seen, softBounceLimit);
  }

  private async bounced(tx: Tx, invitation: BouncedInvitation, email: string, report: IncomingReport): Promise<void> {
    if (report.kind === 'hard') await this.bounces.markBounced(tx, invitation.id, report.status);
    const detail = `${report.source} ${report.kind} bounce ${report.status ?? ''}`.trim();
    if (!(await this.bounces.suppress(tx, invitation.workspaceId, invitation.emailHash!, email, 'bounced', detail))) return;
    const data = {
      personId: invitation.personId,
      invitationId: invitation.id,
      kind: report.kind as 'hard' | 'soft',
      status: report.status,
    };
    await this.outbox.add(tx, [{ topic: 'person.bounced', workspaceId: invitation.workspaceId, data }]);
  }

  private async complaint(tx: Tx, invitation: BouncedInvitation, email: string, report: IncomingReport): Promise<void> {
    await this.bounces.suppress(tx, invitation.workspaceId, invitation.emailHash!, email, 'complained', `${report.source} complaint`);
    if (await this.bounces.unsubscribe(tx, invitation.personId, this.clock.now())) {
      await this.outbox.add(tx, [
        { topic: 'person.unsubscribed', workspaceId: invitation.workspaceId, data: { personId: invitation.personId } },
      ]);
    }
  }
}
