import { PermanentJobError } from '../jobs/job.types';
import { MailRepository, OutgoingMail, SmtpError } from '../mail/mail.repository';

/** A 5xx from SMTP will not get better by retrying: fail the job for good; anything else retries. */
export async function sendOrFail(mail: MailRepository, message: OutgoingMail): Promise<void> {
  try {
    await mail.send(message);
  } catch (error) {
    if (error instanceof SmtpError && error.permanent) throw new PermanentJobError(error.message);
    throw error;
  }
}
