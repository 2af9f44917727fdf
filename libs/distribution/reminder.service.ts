import { Injectable } from '@nestjs/common';
import { Clock, emailHash } from '@cairn/common';
import { TransactionRunner } from '@cairn/database';
import type { Person } from '@cairn/database';
import { EmailLinks, InvitationTokenRepository, newEmailLinks } from '@cairn/invitations';
import { JobData, JobRun, JobName, OnJob } from '@cairn/jobs';
import { MailRepository } from '@cairn/mail';
import { PersonRepository } from '@cairn/people';
import { suppressionReason } from './fatigue.policy';
import { HandoverRepository } from './handover.repository';
import { sendHandingOver } from './send-handing-over';
import { Claim, InvitationClaimRepository, SendTarget } from './invitation-claim.repository';
import { ReminderClaimRepository } from './reminder-claim.repository';
import { ClaimBusyError } from './invitation-send.service';
import { SendClaimRepository, SendClaimTx } from './send-claim.repository';
import { SendGateService } from './send-gate.service';
import { classifySendError } from './send-errors';
import { SurveyMailComposer } from './survey-mail.composer';
import { WorkspacePauseRepository } from './workspace-pause.repository';

type ReminderClaim =
  /** pauseChecked: the workspace's pause was read with the claim (not paused), so the send needs no look of its own. */
  { invitation: SendTarget; claim: Claim; person: Person; tokens: EmailLinks; pauseChecked?: boolean } | 'busy' | 'paused' | null;

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
    private readonly sendClaims: SendClaimRepository,
  ) {}

  @OnJob(JobName.SendReminder)
  async remind({ invitationId }: JobData<JobName.SendReminder>, run?: JobRun): Promise<string> {
    const claimed = await this.claim(invitationId);
    if (claimed === 'busy') throw new ClaimBusyError(`reminder of ${invitationId} is being sent by another run`);
    // Paused by the reputation guard: the reminder stays due; the reconciler queues it again once resumed.
    if (claimed === 'paused') return 'paused';
    if (!claimed) return 'skipped';
    const { invitation, claim, person, tokens } = claimed;
    if (!claimed.pauseChecked && (await this.pause.isPaused(invitation.workspaceId))) {
      await this.reminders.release(claim, 'sending paused', true);
      return 'paused';
    }
    const state = { handedOver: false };
    try {
      const message = await this.composer.compose(invitation, person, tokens, true);
      let recorded: Promise<boolean> | undefined;
      const record = async (abandoned: AbortSignal) => {
        const commit = await this.handover.prepare('reminder_sent_at', claim, this.clock.now(), abandoned);
        return () => void (recorded = commit());
      };
      await sendHandingOver(this.mail, message, record, state);
      // The hand-over's record committed (its answer is most likely in by the server's 250): reminder_sent_at is set
      // under this run's claim, and the confirmation, a round trip, would change nothing.
      if (!(await recorded)) await this.reminders.confirm(claim, this.clock.now());
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

  /**
   * Nearly every reminder is claimed on the raw fast path (SendClaimRepository): one round trip, no ORM. What it
   * cannot decide (an address stored without its hash) goes the general way below.
   */
  private async claim(id: string): Promise<ReminderClaim> {
    const fast = await this.sendClaims.transaction((tx) => this.claimFast(tx, id));
    return fast === undefined ? this.claimGeneral(id) : fast;
  }

  /** Undefined when the fast path cannot decide it. */
  private async claimFast(tx: SendClaimTx, id: string): Promise<ReminderClaim | undefined> {
    const now = this.clock.now();
    // Made before the invitation is read, so that the claim is one message; unused (and never stored) if it is not claimed.
    const { tokens, hashes } = newEmailLinks();
    const read = await tx.loadAndClaimReminder({ id, now, staleBefore: this.staleBefore(now), hashes });
    if (!read.loaded) return null;
    const { invitation, person } = read.loaded;
    if (read.outcome === 'claimed') return { invitation, claim: { id, claimedAt: now }, person: person!, tokens, pauseChecked: true };
    if (read.outcome === 'paused') return 'paused';
    if (read.outcome === 'dropped' || !reminderDue(invitation, now)) return null;
    // Due, and neither dropped nor claimed: another run holds the claim, or the address has no stored hash to look up.
    if (person?.email && !person.emailHash) return undefined;
    return 'busy';
  }

  private staleBefore(now: Date): Date {
    return new Date(now.getTime() - this.gate.staleClaimMs);
  }

  private claimGeneral(id: string): Promise<ReminderClaim> {
    return this.transactions.run(async (tx): Promise<ReminderClaim> => {
      const invitation = await this.claims.load(tx, id);
      const now = this.clock.now();
      if (!invitation || !reminderDue(invitation, now)) return null;
      const person = await this.people.lock(tx, invitation.personId);
      const suppression = person?.email ? await this.claims.suppression(tx, invitation.workspaceId, emailHash(person.email)) : null;
      if (!person || suppressionReason(person, suppression)) {
        await this.reminders.drop(tx, id);
        return null;
      }
      if (!(await this.reminders.claim(tx, id, now, this.staleBefore(now)))) return 'busy';
      const tokens = await this.tokens.issueLinks(id, tx);
      return { invitation, claim: { id, claimedAt: now }, person, tokens };
    });
  }
}

/** Whether the invitation's reminder may go at `now`: sent, due and not yet handed over, the invitation unexpired. */
function reminderDue(invitation: SendTarget, now: Date): boolean {
  const { status, reminderSentAt, reminderDueAt, expiresAt } = invitation;
  return status === 'sent' && !reminderSentAt && reminderDueAt !== null && reminderDueAt <= now && expiresAt > now;
}
