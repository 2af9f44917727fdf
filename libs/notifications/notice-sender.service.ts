import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@cairn/common';
import { classifySendError, sendHandingOver } from '@cairn/distribution';
import { PermanentJobError } from '@cairn/jobs';
import { MailRepository, OutgoingMail, SmtpError } from '@cairn/mail';
import { NoticeAlreadySentError, SentNoticeRepository } from './sent-notice.repository';

/**
 * Sends a staff notice (case opened, webhook disabled) at most once per
 * Message-ID, across retries and crashes, as survey emails are: the job that
 * sends it may run again after a worker died mid-send.
 */
@Injectable()
export class NoticeSender {
  private readonly logger = new Logger(NoticeSender.name);

  constructor(
    private readonly mail: MailRepository,
    private readonly notices: SentNoticeRepository,
    private readonly clock: Clock,
  ) {}

  /** A 5xx from SMTP will not get better by retrying: the job fails for good; anything else retries. */
  async send(message: OutgoingMail & { messageId: string }): Promise<'sent' | 'already-sent'> {
    if (await this.notices.wasSent(message.messageId)) return 'already-sent';
    const state = { handedOver: false };
    let alreadySent = false;
    try {
      await sendHandingOver(
        this.mail,
        message,
        (abandoned) =>
          this.notices.prepare(message.messageId, this.clock.now(), abandoned).catch((error: Error) => {
            alreadySent = error instanceof NoticeAlreadySentError;
            throw error;
          }),
        state,
      );
      return 'sent';
    } catch (error) {
      if (alreadySent) return 'already-sent';
      // Its end of data left after the record committed and no answer came: the server most likely has it.
      if (classifySendError(error, state.handedOver) === 'unconfirmed') {
        this.logger.warn(`notice ${message.messageId} was handed over, but its answer never came: ${(error as Error).message}`);
        return 'sent';
      }
      // The server answered with a refusal after the end of data: not sent, so the record goes and the job decides.
      if (state.handedOver) await this.notices.forget(message.messageId);
      if (error instanceof SmtpError && error.permanent) throw new PermanentJobError(error.message);
      throw error;
    }
  }
}
