import { Injectable } from '@nestjs/common';
import { Clock, emailHash } from '@cairn/common';
import { TransactionRunner } from '@cairn/database';
import type { Person } from '@cairn/database';
import { InvitationTokenRepository } from '@cairn/invitations';
import { JobData, JobRun, JobName, OnJob } from '@cairn/jobs';
import { MailRepository } from '@cairn/mail';
import { PersonRepository } from '@cairn/people';
import { suppressionReason } from './fatigue.policy';
import { HandoverRepository } from './handover.repository';
import { sendHandingOver } from './send-handing-over';
import { Claim, InvitationClaimRepository, SendTarget } from './invitation-claim.repository';
import { ReminderClaimRepository } from './reminder-claim.repository';
import { ClaimBusyError } from './invitation-send.service';
import { SendGateService } from './send-gate.service';
import { classifySendError } from './send-errors';
import { MailTokens, SurveyMailComposer } from './survey-mail.composer';
import { WorkspacePauseRepository } from './workspace-pause.repository';

type ReminderClaim = { invitation: SendTarget; claim: Claim; person: Person; tokens: MailTokens } | 'busy' | null;

/**
 * One reminder, when the survey has one, if nobody answered: skipped once
 * the invitation is responded, cancelled or expired, or the person
 * unsubscribed or is suppressed. At most one reminder per invitation.
 */
@Injectable()
export class ReminderService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly claims: InvitationClaimRepository,
    private readonly reminders: ReminderClaimRepository,
    private readonly people: PersonRepository,
    private readonly tokens: InvitationTokenRepository,
    private readonly composer: SurveyMailComposer,
    private readonly gate: SendGateService,
    private readonly handover: HandoverRepository,
    private readonly mail: MailRepository,
    private readonly clock: Clock,
    private readonly pause: WorkspacePauseRepository,
  ) {}

  @OnJob(JobName.SendReminder)
  async remind({ invitationId }: JobData<JobName.SendReminder>, run?: JobRun): Promise<string> {
    const claimed = await this.claim(invitationId);
    if (claimed === 'busy') throw new ClaimBusyError(`reminder of ${invitationId} is being sent by another run`);
    if (!claimed) return 'skipped';
    const { invitation, claim, person, tokens } = claimed;
    // Paused by the reputation guard: the reminder stays due; the reconciler queues it again once resumed.
    if (await this.pause.isPaused(invitation.workspaceId)) {
      await this.reminders.release(claim, 'sending paused', true);
      return 'paused';
    }
    const state = { handedOver: false };
    try {
      const message = await this.composer.compose(invitation, person, tokens, true);
      const record = (abandoned: AbortSignal) => this.handover.prepare('reminder_sent_at', claim, this.clock.now(), abandoned);
      await sendHandingOver(this.mail, message, record, state);
      await this.reminders.confirm(claim, this.clock.now());
      return 'sent';
    } catch (error) {
      const kind = classifySendError(error, state.handedOver);
      const detail = (error as Error).message;
      if (kind === 'unconfirmed') return 'unconfirmed';
      if (kind === 'bounce') {
        await this.reminders.release(claim, detail, false);
        await this.gate.bounce(null, invitation.workspaceId, person.email!, detail, invitation.id);
        return 'bounced';
      }
      const last = !run || run.isLastAttempt;
      await this.reminders.release(claim, detail, !last);
      if (last) return 'failed';
      throw error;
    }
  }

  private claim(id: string): Promise<ReminderClaim> {
    return this.transactions.run(async (tx): Promise<ReminderClaim> => {
      const invitation = await this.claims.load(tx, id);
      const now = this.clock.now();
      if (!invitation || invitation.status !== 'sent' || invitation.reminderSentAt || !invitation.reminderDueAt) return null;
      if (invitation.reminderDueAt > now || invitation.expiresAt <= now) return null;
      const person = await this.people.lock(tx, invitation.personId);
      const suppression = person?.email ? await this.claims.suppression(tx, invitation.workspaceId, emailHash(person.email)) : null;
      if (!person || suppressionReason(person, suppression)) {
        await this.reminders.drop(tx, id);
        return null;
      }
      if (!(await this.reminders.claim(tx, id, now, new Date(now.getTime() - this.gate.staleClaimMs)))) return 'busy';
      const tokens = await this.tokens.issueLinks(id, tx);
      return { invitation, claim: { id, claimedAt: now }, person, tokens };
    });
  }
}
