import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { JobData, JobRun, JobName, OnJob } from '@cairn/jobs';
import { MailRepository } from '@cairn/mail';
import { HandoverRepository } from './handover.repository';
import { InvitationClaimRepository } from './invitation-claim.repository';
import { recordAfterHandover } from './record-after-handover';
import { sendHandingOver } from './send-handing-over';
import { SendGateService, UNCONFIRMED_NOTE } from './send-gate.service';
import { WorkspacePauseRepository } from './workspace-pause.repository';
import { classifySendError, smtpCode } from './send-errors';
import type { SmsSender } from './sms-sender';
import { SurveyMailComposer } from './survey-mail.composer';

export class ClaimBusyError extends Error {}

/**
 * The send job: re-read by id, claim, render, send, mark sent. One email per
 * invitation however often the job runs: the claim is a conditional UPDATE,
 * and once the message is handed over it is never sent again.
 */
@Injectable()
export class InvitationSendService {
  private readonly logger = new Logger(InvitationSendService.name);

  constructor(
    private readonly gate: SendGateService,
    private readonly claims: InvitationClaimRepository,
    private readonly composer: SurveyMailComposer,
    private readonly handover: HandoverRepository,
    private readonly mail: MailRepository,
    private readonly clock: Clock,
    private readonly pause: WorkspacePauseRepository,
  ) {}

  /** Set by SmsModule in the processes that send texts; without it an SMS survey's send job fails (and is retried). */
  private sms: SmsSender | null = null;

  useSmsSender(sender: SmsSender): void {
    this.sms = sender;
  }

  @OnJob(JobName.SendInvitation)
  async send({ invitationId }: JobData<JobName.SendInvitation>, run?: JobRun): Promise<string> {
    const outcome = await this.gate.claim(invitationId);
    // Another run holds a fresh claim: try again later, by then it has finished or gone stale.
    if (outcome.kind === 'busy') throw new ClaimBusyError(`invitation ${invitationId} is being sent by another run`);
    if (outcome.kind === 'done') return 'skipped';
    if (outcome.kind === 'paused') return 'paused';
    if (outcome.kind === 'sms') {
      if (!this.sms) throw new Error(`invitation ${invitationId} is an SMS survey's, and this process has no SMS sender`);
      return this.sms.send(invitationId, run);
    }
    const { invitation, claim, person, tokens } = outcome;
    // Paused by the reputation guard: back to scheduled, unsent; the reconciler queues it again once resumed. The
    // claim of a scheduled invitation read the pause already (one round trip less per email).
    if (!outcome.pauseChecked && (await this.pause.isPaused(invitation.workspaceId))) {
      await this.claims.release(claim, 'sending paused');
      return 'paused';
    }
    const state = { handedOver: false };
    try {
      const message = await this.composer.compose(invitation, person, tokens);
      await sendHandingOver(
        this.mail,
        message,
        (abandoned) => this.handover.prepare('handed_over_at', claim, this.clock.now(), abandoned),
        state,
      );
    } catch (error) {
      const kind = classifySendError(error, state.handedOver);
      const detail = (error as Error).message;
      if (kind === 'unconfirmed') {
        await recordAfterHandover(() => this.gate.finishSent(invitation, claim, `${UNCONFIRMED_NOTE} (${detail})`.slice(0, 500)));
        return 'unconfirmed';
      }
      if (kind === 'bounce') {
        await this.gate.bounce(claim, invitation.workspaceId, person.email!, detail);
        return 'bounced';
      }
      if (run?.isLastAttempt) {
        await this.claims.fail(claim, 'delivery_failed', detail);
        return 'failed';
      }
      await this.claims.release(claim, detail);
      this.logger.warn(`invitation ${invitation.id}: attempt ${invitation.attempts + 1} failed (${smtpCode(error)}), will retry`);
      throw error;
    }
    await recordAfterHandover(() => this.gate.finishSent(invitation, claim));
    return 'sent';
  }
}
