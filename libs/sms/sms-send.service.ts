import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock, randomToken, sha256Hex } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import type { InvitationStatus, Tx } from '@cairn/database';
import { InvitationRepository, InvitationSendService, isThrottled, recordAfterHandover, SmsSender } from '@cairn/distribution';
import { JobIds, JobName, JobRun } from '@cairn/jobs';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { PersonRepository, phoneHash, toE164 } from '@cairn/people';
import { quietUntil, recipientTimeZone } from './quiet-hours.policy';
import { SmsClaim, SmsInvitationRepository, SmsTarget } from './sms-invitation.repository';
import { SmsOutcome, SmsProvider } from './sms-provider';
import { composeSmsBody } from './sms-texts';

const DAY_MS = 86_400_000;
export const SMS_UNCONFIRMED_NOTE = 'delivery unconfirmed: the sender stopped after the request left; not resent';
/** Twilio's "recipient has opted out" (21610): the number is suppressed as if it had texted STOP. */
const OPTED_OUT = 21610;
const INVALID_NUMBER = new Set([21211, 21214, 21614]);

export class SmsClaimBusyError extends Error {}

type Decision = { kind: 'claimed'; claim: SmsClaim; target: SmsTarget; to: string; body: string } | { kind: 'done'; result: string };

/**
 * An SMS survey's send, exactly once: claimed and judged under the person's
 * lock (the email's fatigue rules, the SMS stop list, quiet hours), the
 * hand-over committed before the request leaves, the provider's message id
 * stored after. A run that finds the hand-over committed but no answer
 * recorded (the process died in between) never sends again: it marks the
 * invitation sent, unconfirmed; the provider's status callback, which names
 * the invitation, brings the message id in later.
 */
@Injectable()
export class SmsSendService implements SmsSender, OnModuleInit {
  private readonly logger = new Logger(SmsSendService.name);

  constructor(
    private readonly transactions: OutboxTransactionRunner,
    private readonly invitations: SmsInvitationRepository,
    private readonly sentTimes: InvitationRepository,
    private readonly people: PersonRepository,
    private readonly outbox: OutboxRepository,
    private readonly provider: SmsProvider,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sendJob: InvitationSendService,
  ) {}

  onModuleInit(): void {
    this.sendJob.useSmsSender(this);
  }

  async send(invitationId: string, run?: JobRun): Promise<string> {
    const decision = await this.transactions.run((tx) => this.decide(tx, invitationId));
    if (decision.kind === 'done') return decision.result;
    const { claim, target } = decision;
    if (!(await this.invitations.handOver(claim, this.clock.now()))) return 'skipped';
    const outcome = await this.provider.send({
      to: decision.to,
      body: decision.body,
      statusCallback: `${this.config.publicBaseUrl}/hooks/sms?invitation=${encodeURIComponent(invitationId)}`,
    });
    return this.settle(target, claim, outcome, run);
  }

  private async settle(target: SmsTarget, claim: SmsClaim, outcome: SmsOutcome, run?: JobRun): Promise<string> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + target.expiresAfterSeconds * 1000);
    switch (outcome.kind) {
      case 'accepted':
        await recordAfterHandover(() => this.invitations.markSent(claim, { sid: outcome.sid, smsStatus: outcome.status, now, expiresAt, note: null }));
        return 'sent';
      case 'unknown':
        await recordAfterHandover(() =>
          this.invitations.markSent(claim, { sid: null, smsStatus: null, now, expiresAt, note: `${SMS_UNCONFIRMED_NOTE} (${outcome.detail})` }),
        );
        return 'unconfirmed';
      case 'refused': {
        if (outcome.code === OPTED_OUT) {
          const person = await this.people.findById(target.personId);
          const phone = toE164(person?.phoneNumber);
          if (phone) await this.invitations.suppress(target.workspaceId, phoneHash(phone), 'provider_opt_out');
        }
        const reason =
          outcome.detail === 'sms_not_configured'
            ? 'sms_not_configured'
            : outcome.code === OPTED_OUT
              ? 'sms_stopped'
              : INVALID_NUMBER.has(outcome.code ?? 0)
                ? 'invalid_phone'
                : 'provider_refused';
        await this.invitations.fail(claim, reason, outcome.detail);
        return 'failed';
      }
      case 'retry':
        if (run?.isLastAttempt) {
          await this.invitations.fail(claim, 'delivery_failed', outcome.detail);
          return 'failed';
        }
        await this.invitations.release(claim, outcome.detail);
        this.logger.warn(`invitation ${claim.id}: SMS attempt failed (${outcome.detail.slice(0, 40)}), will retry`);
        throw new Error(`SMS provider: ${outcome.detail}`);
    }
  }

  private async decide(tx: Tx, id: string): Promise<Decision> {
    const target = await this.invitations.load(tx, id);
    if (!target) return { kind: 'done', result: 'skipped' };
    const now = this.clock.now();
    if (target.status === 'sending') {
      if (target.claimedAt && now.getTime() - target.claimedAt.getTime() < this.config.jobLockMs) {
        throw new SmsClaimBusyError(`invitation ${id} is being sent by another run`);
      }
      // The previous run died after the hand-over: the provider most likely has the message. Never twice.
      if (target.sentAt) {
        const expiresAt = new Date(now.getTime() + target.expiresAfterSeconds * 1000);
        const claim = { id, claimedAt: target.claimedAt! };
        await this.invitations.markSent(claim, { sid: null, smsStatus: null, now, expiresAt, note: SMS_UNCONFIRMED_NOTE }, tx);
        return { kind: 'done', result: 'unconfirmed' };
      }
    } else if (target.status !== 'scheduled') {
      return { kind: 'done', result: 'skipped' };
    }
    const person = await this.people.lock(tx, target.personId);
    const phone = toE164(person?.phoneNumber);
    const blocked = await this.blocked(tx, target, person, phone, now);
    if (blocked) {
      await this.invitations.settle(tx, target, blocked.status, blocked.reason);
      return { kind: 'done', result: blocked.status };
    }
    const until = quietUntil(now, recipientTimeZone(person!.properties, target.timeZone));
    if (until) {
      if (!(await this.invitations.defer(tx, target, until))) return { kind: 'done', result: 'skipped' };
      const job = { name: JobName.SendInvitation as const, data: { invitationId: id } };
      await this.outbox.add(tx, [{ topic: 'job', workspaceId: target.workspaceId, job, jobId: JobIds.sendInvitationAt(id, until), runAt: until }]);
      return { kind: 'done', result: 'deferred' };
    }
    const code = randomToken(16);
    if (!(await this.invitations.claim(tx, target, now, sha256Hex(code)))) return { kind: 'done', result: 'skipped' };
    const link = `${this.config.publicBaseUrl}/s/${code}`;
    const body = composeSmsBody({ metric: target.metric, locale: target.locale ?? person!.locale, companyName: target.companyName, link });
    return { kind: 'claimed', claim: { id, claimedAt: now }, target, to: phone!, body: body.text };
  }

  /** The email's rules at send time, with the number and the SMS stop list in place of the address and its suppressions. */
  private async blocked(
    tx: Tx,
    target: SmsTarget,
    person: Awaited<ReturnType<PersonRepository['lock']>>,
    phone: string | null,
    now: Date,
  ): Promise<{ status: InvitationStatus; reason: string } | null> {
    if (!person) return { status: 'cancelled', reason: 'person_deleted' };
    if (person.erasedAt) return { status: 'suppressed', reason: 'erased' };
    if (!phone) return { status: 'suppressed', reason: 'no_phone' };
    if (await this.invitations.suppression(tx, target.workspaceId, phoneHash(phone))) return { status: 'suppressed', reason: 'sms_stopped' };
    if (person.unsubscribedAt) return { status: 'suppressed', reason: 'unsubscribed' };
    if (!target.active) return { status: 'cancelled', reason: 'survey_inactive' };
    if (target.expiresAt <= now) return { status: 'expired', reason: 'expired_before_sending' };
    if (target.throttleDays > 0) {
      const since = new Date(now.getTime() - target.throttleDays * DAY_MS);
      const others = await this.sentTimes.sentTimes(tx, person.id, target.id, since);
      if (isThrottled(others, now, target.throttleDays)) return { status: 'throttled', reason: 'recently_surveyed' };
    }
    return null;
  }
}
