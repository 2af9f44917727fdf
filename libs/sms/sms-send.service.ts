import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { InvitationSendService, recordAfterHandover, SmsSender } from '@cairn/distribution';
import type { JobRun } from '@cairn/jobs';
import { OutboxTransactionRunner } from '@cairn/outbox';
import { PersonRepository, phoneHash, toE164 } from '@cairn/people';
import { SMS_UNCONFIRMED_NOTE, SmsGateService } from './sms-gate.service';
import { SmsClaim, SmsInvitationRepository, SmsTarget } from './sms-invitation.repository';
import { SmsOutcome, SmsProvider } from './sms-provider';
/** Twilio's "recipient has opted out" (21610): the number is suppressed as if it had texted STOP. */
const OPTED_OUT = 21610;
const INVALID_NUMBER = new Set([21211, 21214, 21614]);

/**
 * An SMS survey's send, exactly once: claimed and judged under the person's
 * lock (SmsGateService: the email's fatigue rules, the SMS stop list, quiet hours), the
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
    private readonly gate: SmsGateService,
    private readonly invitations: SmsInvitationRepository,
    private readonly people: PersonRepository,
    private readonly provider: SmsProvider,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sendJob: InvitationSendService,
  ) {}

  onModuleInit(): void {
    this.sendJob.useSmsSender(this);
  }

  async send(invitationId: string, run?: JobRun): Promise<string> {
    const decision = await this.transactions.run((tx) => this.gate.decide(tx, invitationId));
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
        await recordAfterHandover(() =>
          this.invitations.markSent(claim, { sid: outcome.sid, smsStatus: outcome.status, now, expiresAt, note: null }),
        );
        return 'sent';
      case 'unknown':
        await recordAfterHandover(() =>
          this.invitations.markSent(claim, {
            sid: null,
            smsStatus: null,
            now,
            expiresAt,
            note: `${SMS_UNCONFIRMED_NOTE} (${outcome.detail})`,
          }),
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
}
