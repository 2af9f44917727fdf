// Secrets that must never reach logs, queue records (BullMQ keeps failure
// reasons and stack traces for days) or error columns: email addresses (SMTP
// servers quote the recipient in their replies) and the tokens of the public
// links (/r/:token answers, /u/:token unsubscribes, /s/:code short links),
// which act as the recipient's credentials until the invitation expires.

export const SCRUBBED = '[redacted]';

// An address, also percent-encoded (`%40`) as it appears in URLs. The local
// part is limited to what addresses use in practice, without `/ ? & =`, so
// the path or query before an address survives.
const EMAIL = /[A-Za-z0-9._%+'-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

// The segment after a public token route, wherever a URL appears in the text.
const LINK_TOKEN = /(\/(?:r|u|s)\/)[^/?#\s"'<>]+/g;

// Values of query parameters that carry credentials.
const SECRET_PARAM = /([?&;](?:token|code|secret|signature|sig|password|api_?key|unsubscribe)=)[^&#\s"'<>]+/gi;

/** The text with every address and link token replaced by `[redacted]`. */
export function scrubSecrets(text: string): string {
  return text.replace(LINK_TOKEN, `$1${SCRUBBED}`).replace(SECRET_PARAM, `$1${SCRUBBED}`).replace(EMAIL, SCRUBBED);
}

/**
 * Scrubs an error's message and stack in place and returns it: its class (and
 * so BullMQ's UnrecoverableError test, or an SmtpError's fields) stays intact.
 */
export function scrubError<T>(error: T): T {
  if (typeof error === 'string') return scrubSecrets(error) as T;
  if (!(error instanceof Error)) return error;
  error.message = scrubSecrets(error.message);
  if (error.stack) error.stack = scrubSecrets(error.stack);
  return error;
}
