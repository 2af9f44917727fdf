import { Inject, Injectable } from '@nestjs/common';
import { Clock, emailHash } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { Tx } from '@cairn/database';
import type { InvitationStatus, Person, SuppressionReason } from '@cairn/database';
import { EmailLinks, InvitationTokenRepository, newEmailLinks } from '@cairn/invitations';
import { JobName, JobIds } from '@cairn/jobs';
import { OutboxMessage, OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { PersonRepository } from '@cairn/people';
import { isThrottled, suppressionReason } from './fatigue.policy';
import { Claim, InvitationClaimRepository, SendTarget } from './invitation-claim.repository';
import { InvitationRepository } from './invitation.repository';
import { SendClaimRepository, SendClaimTx } from './send-claim.repository';
import { SendBounceRepository } from './send-bounce.repository';
import { SentMark, SentMarksRepository } from './sent-marks.repository';
import { SurveyMailComposer } from './survey-mail.composer';

const DAY_MS = 86_400_000;
const PERSON_DELETED = { status: 'cancelled' as const, reason: 'person_deleted' };
export const UNCONFIRMED_NOTE = 'delivery unconfirmed: the sender stopped after handing the message to SMTP; not resent';

export type ClaimOutcome =
  /** pauseChecked: the workspace's pause was read with the claim (not paused), so the send needs no look of its own. */
  | { kind: 'claimed'; invitation: SendTarget; claim: Claim; person: Person; tokens: EmailLinks; pauseChecked?: boolean }
  /** Left scheduled and unclaimed (noted 'sending paused'): the workspace's sending is paused. */
  | { kind: 'paused' }
  | { kind: 'busy' }
  | { kind: 'done' }
  /** Nothing was changed: the invitation is a text message's, the SMS sender decides and claims it. */
  | { kind: 'sms' };

/** Decides, under the person's row lock, whether an invitation may be sent now, and claims it. */
@Injectable()
export class SendGateService {
  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly claims: InvitationClaimRepository,
    private readonly invitations: InvitationRepository,
    private readonly people: PersonRepository,
    private readonly tokens: InvitationTokenRepository,
    private readonly composer: SurveyMailComposer,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sendClaims: SendClaimRepository,
    private readonly sentMarks: SentMarksRepository,
    private readonly sendBounces: SendBounceRepository,
  ) {}

  /** BullMQ hands a job to another worker only after its lock (jobLockMs) lapsed; a claim older than that is orphaned. */
  get staleClaimMs(): number {
    return this.config.jobLockMs;
  }

  /**
   * A scheduled invitation (nearly every send) is claimed on the raw fast path: one round trip, no ORM.
   * Anything else (a claim to take over, a finished invitation) goes the general way below.
   */
  async claim(id: string): Promise<ClaimOutcome> {
    return (await this.sendClaims.transaction((tx) => this.claimScheduled(tx, id))) ?? this.claimGeneral(id);
  }

  /** Null when the fast path cannot decide it (the invitation is not scheduled, say): the general path decides it. */
  private async claimScheduled(tx: SendClaimTx, id: string): Promise<ClaimOutcome | null> {
    const now = this.clock.now();
    // Made before the invitation is read, so that the claim is one message; unused (and never stored) if it is not claimed.
    const { tokens, hashes } = newEmailLinks();
    const read = await tx.loadAndClaim({ id, now, messageId: this.composer.messageId(id), hashes });
    if (!read.loaded) return { kind: 'done' };
    const { invitation, person } = read.loaded;
    if (read.claimed) return { kind: 'claimed', invitation, claim: { id, claimedAt: now }, person: person!, tokens, pauseChecked: true };
    // Not claimed; the transaction has ended. What stopped it was read under the person's lock, and a settle only
    // changes the invitation if it is still as it was read.
    if (invitation.channel === 'sms') return { kind: 'sms' };
    if (invitation.status !== 'scheduled') return null;
    const settle = async (blocked: { status: InvitationStatus; reason: string }): Promise<ClaimOutcome> => {
      await tx.settle(invitation, blocked.status, blocked.reason);
      return { kind: 'done' };
    };
    if (!person) return settle(PERSON_DELETED);
    // Paused by the reputation guard: stays scheduled and unsent; the reconciler queues it again once resumed.
    if (invitation.sendingPaused) {
      await tx.notePaused(id);
      return { kind: 'paused' };
    }
    const gone = suppressionReason(person, null);
    if (gone === 'erased' || gone === 'no_email') return settle({ status: 'suppressed', reason: gone });
    // An address without its hash (written around Cairn's writers) has no suppression look-up here: the general path
    // hashes the address itself.
    if (!person.emailHash) return null;
    const blocked = this.decide(invitation, person, read.suppression, read.others, now);
    // Nothing against it and still not claimed: another run changed the invitation meanwhile.
    return blocked ? settle(blocked) : { kind: 'done' };
  }

  /** The rules of blocked() on what the fast path read in one statement. */
  private decide(invitation: SendTarget, person: Person, suppression: SuppressionReason | null, others: Date[], now: Date) {
    const suppressed = suppressionReason(person, suppression);
    if (suppressed) return { status: 'suppressed' as const, reason: suppressed };
    if (!invitation.active) return { status: 'cancelled' as const, reason: 'survey_inactive' };
    if (invitation.expiresAt <= now) return { status: 'expired' as const, reason: 'expired_before_sending' };
    if (isThrottled(others, now, invitation.throttleDays)) return { status: 'throttled' as const, reason: 'recently_surveyed' };
    return null;
  }

  private claimGeneral(id: string): Promise<ClaimOutcome> {
    return this.transactions.run(async (tx): Promise<ClaimOutcome> => {
      const invitation = await this.claims.load(tx, id);
      if (!invitation) return { kind: 'done' };
      if (invitation.channel === 'sms') return { kind: 'sms' };
      const now = this.clock.now();
      if (invitation.status === 'sending') {
        if (invitation.claimedAt && now.getTime() - invitation.claimedAt.getTime() < this.staleClaimMs) return { kind: 'busy' };
        // The previous run died after the hand-over (recorded in handed_over_at; sent_at by an older version): the
        // server most likely has it. Never twice.
        if (invitation.handedOverAt || invitation.sentAt) {
          await this.finish(tx, invitation, { id, claimedAt: invitation.claimedAt! }, now, UNCONFIRMED_NOTE);
          return { kind: 'done' };
        }
      } else if (invitation.status !== 'scheduled') {
        return { kind: 'done' };
      }
      const person = await this.people.lock(tx, invitation.personId);
      const blocked = person ? await this.blocked(tx, invitation, person, now) : { status: 'cancelled' as const, reason: 'person_deleted' };
      if (blocked) {
        await this.claims.settle(tx, invitation, blocked.status, blocked.reason);
        return { kind: 'done' };
      }
      if (!(await this.claims.claim(tx, invitation, this.composer.messageId(id), now))) return { kind: 'done' };
      const tokens = await this.tokens.issueLinks(id, tx);
      return { kind: 'claimed', invitation, claim: { id, claimedAt: now }, person: person!, tokens };
    });
  }

  /** The creation-time rules again, at send time: things change in the days between. */
  private async blocked(tx: Tx, invitation: SendTarget, person: Person, now: Date) {
    const suppression = person.email ? await this.claims.suppression(tx, invitation.workspaceId, emailHash(person.email)) : null;
    const suppressed = suppressionReason(person, suppression);
    if (suppressed) return { status: 'suppressed' as const, reason: suppressed };
    if (!invitation.active) return { status: 'cancelled' as const, reason: 'survey_inactive' };
    if (invitation.expiresAt <= now) return { status: 'expired' as const, reason: 'expired_before_sending' };
    const { throttleDays } = invitation;
    if (throttleDays > 0) {
      const others = await this.invitations.sentTimes(tx, person.id, invitation.id, new Date(now.getTime() - throttleDays * DAY_MS));
      if (isThrottled(others, now, throttleDays)) return { status: 'throttled' as const, reason: 'recently_surveyed' };
    }
    return null;
  }

  /**
   * Marks sent (noting the person's last survey) in one statement shared with the other sends finishing meanwhile,
   * and queues the survey's reminder in that same statement, so the reminder is queued exactly when the mark holds.
   */
  async finishSent(invitation: SendTarget, claim: Claim, note: string | null = null): Promise<void> {
    // No flushSoon() for the reminder: it is due an hour or more later (the survey's minimum), and the scheduled relay
    // (every 2 s) moves the rows of many sends in one batch, where a relay per mark cost each email a transaction.
    await this.sentMarks.markSent(sentMark(invitation, claim, this.clock.now(), note));
  }

  /** finishSent inside a transaction of the caller's (a run taking over a claim whose email had left). */
  private async finish(tx: Tx, invitation: SendTarget, claim: Claim, now: Date, note: string | null): Promise<void> {
    const mark = sentMark(invitation, claim, now, note);
    if ((await this.claims.markSent(mark, tx)) && mark.reminder) await this.outbox.add(tx, [mark.reminder.job]);
  }

  /**
   * A permanent refusal of the recipient: the address is suppressed as bounced, and the claimed invitation fails.
   * The bounce is counted with those read back later, and the reputation guard runs (an outbox job, once per 10 s).
   */
  async bounce(claim: Claim | null, workspaceId: string, email: string, detail: string, invitationId: string | null = null): Promise<void> {
    await this.transactions.run(async (tx) => {
      if (claim) await this.claims.fail(claim, 'bounced', detail, tx);
      await this.claims.suppressBounced(tx, workspaceId, email, detail);
      await this.sendBounces.record(tx, { workspaceId, invitationId: claim?.id ?? invitationId, email, reminder: !claim, detail });
      const job = { name: JobName.CheckReputation, data: { workspaceId } } as const;
      await this.outbox.add(tx, [{ topic: 'job', workspaceId, job, jobId: JobIds.checkReputation(workspaceId, this.clock.now()) }]);
    });
  }
}

/** What marking an invitation sent at `now` sets: its expiry, and its reminder's job when the survey has one. */
function sentMark(invitation: SendTarget, claim: Claim, now: Date, note: string | null): SentMark {
  const expiresAt = new Date(now.getTime() + invitation.expiresAfterSeconds * 1000);
  if (!invitation.reminderAfterSeconds) return { claim, now, expiresAt, note, reminder: null };
  const dueAt = new Date(now.getTime() + invitation.reminderAfterSeconds * 1000);
  const job: OutboxMessage = {
    topic: 'job',
    workspaceId: invitation.workspaceId,
    job: { name: JobName.SendReminder, data: { invitationId: invitation.id } },
    jobId: JobIds.sendReminder(invitation.id),
    runAt: dueAt,
  };
  return { claim, now, expiresAt, note, reminder: { dueAt, job } };
}
