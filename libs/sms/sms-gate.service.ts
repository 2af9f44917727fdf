import { Inject, Injectable } from '@nestjs/common';
import { Clock, randomToken, sha256Hex } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import type { InvitationStatus, Tx } from '@cairn/database';
import { InvitationRepository, isThrottled } from '@cairn/distribution';
import { JobIds, JobName } from '@cairn/jobs';
import { OutboxRepository } from '@cairn/outbox';
import { PersonRepository, phoneHash, toE164 } from '@cairn/people';
import { quietUntil, recipientTimeZone } from './quiet-hours.policy';
import { SmsClaim, SmsInvitationRepository, SmsTarget } from './sms-invitation.repository';
import { composeSmsBody } from './sms-texts';

const DAY_MS = 86_400_000;
export const SMS_UNCONFIRMED_NOTE = 'delivery unconfirmed: the sender stopped after the request left; not resent';

export class SmsClaimBusyError extends Error {}

export type SmsDecision =
  { kind: 'claimed'; claim: SmsClaim; target: SmsTarget; to: string; body: string } | { kind: 'done'; result: string };

/**
 * Decides, under the person's row lock, whether an SMS invitation goes out
 * now, waits for the morning, or not at all, and claims it: the email's rules
 * (SendGateService) with the number and the SMS stop list in place of the
 * address and its suppressions, plus quiet hours.
 */
@Injectable()
export class SmsGateService {
  constructor(
    private readonly invitations: SmsInvitationRepository,
    private readonly sentTimes: InvitationRepository,
    private readonly people: PersonRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async decide(tx: Tx, id: string): Promise<SmsDecision> {
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
      await this.outbox.add(tx, [
        { topic: 'job', workspaceId: target.workspaceId, job, jobId: JobIds.sendInvitationAt(id, until), runAt: until },
      ]);
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
    if (await this.invitations.suppression(tx, target.workspaceId, phoneHash(phone)))
      return { status: 'suppressed', reason: 'sms_stopped' };
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
