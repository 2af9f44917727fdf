import { SmtpError } from '@cairn/mail';

/** Only a refusal of the recipient or of the message is a bounce; a 5xx to MAIL FROM or AUTH is our configuration. */
const RECIPIENT_COMMANDS = new Set(['RCPT TO', 'DATA']);

export type SendErrorKind = 'bounce' | 'unconfirmed' | 'retry';

/**
 * What a failed send means. After the hand-over, an error without an SMTP
 * answer (connection lost) leaves the outcome unknown: the message is counted
 * as sent rather than risking a second email.
 */
export function classifySendError(error: unknown, handedOver: boolean): SendErrorKind {
  const smtp = error instanceof SmtpError ? error : null;
  if (smtp?.permanent && (smtp.command === null || RECIPIENT_COMMANDS.has(smtp.command))) return 'bounce';
  if (handedOver && !smtp?.responseCode) return 'unconfirmed';
  return 'retry';
}

/** For logs: the SMTP code only, never the server's text (it may quote the address). */
export function smtpCode(error: unknown): string {
  return error instanceof SmtpError && error.responseCode ? `SMTP ${error.responseCode}` : ((error as Error)?.name ?? 'error');
}
