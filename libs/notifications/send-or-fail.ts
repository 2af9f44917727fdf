import { PermanentJobError } from '@cairn/jobs';
import { MailRepository, OutgoingMail, SmtpError } from '@cairn/mail';

/** A 5xx from SMTP will not get better by retrying: fail the job for good; anything else retries. */
export async function sendOrFail(mail: MailRepository, message: OutgoingMail): Promise<void> {
  try {
    await mail.send(message);
  } catch (error) {
    if (error instanceof SmtpError && error.permanent) throw new PermanentJobError(error.message);
    throw error;
  }
}
