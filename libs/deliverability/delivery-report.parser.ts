import type { ParsedMail } from 'mailparser';

export type ReportKind = 'hard' | 'soft' | 'complaint';

/** What a delivery report or complaint says, whatever its shape. */
export interface DeliveryReport {
  kind: ReportKind;
  /** The address the report is about, when it names one. */
  recipient: string | null;
  /** The enhanced status code (5.1.1), or the feedback type of a complaint. */
  status: string | null;
  /** The Message-ID of the email it is about, when the report quotes its headers. */
  originalMessageId: string | null;
}

/** `Name: value` fields of one block, lower-case names, continuation lines unfolded. */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (match && !out.has(match[1].toLowerCase())) out.set(match[1].toLowerCase(), match[2].trim());
  }
  return out;
}

/** `rfc822; bob@example.com` → bob@example.com. */
function address(value: string | undefined): string | null {
  if (!value) return null;
  const bare = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const match = /<?([^\s<>;]+@[^\s<>;]+)>?/.exec(bare);
  return match ? match[1].toLowerCase() : null;
}

function quotedMessageId(text: string): string | null {
  return /^Message-ID:\s*(<[^>\s]+>)/im.exec(text)?.[1] ?? null;
}

function partText(mail: ParsedMail, types: string[]): string | null {
  const part = mail.attachments.find((a) => types.includes(a.contentType.toLowerCase()));
  return part ? part.content.toString('utf8') : null;
}

/** RFC 3464: per-recipient blocks after the per-message one; the first that failed (or was delayed into a 4.x.x) counts. */
function fromDeliveryStatus(status: string, original: string | null): DeliveryReport | null {
  const blocks = status.split(/\r?\n\s*\r?\n/).map(fields);
  for (const block of blocks.slice(1).length ? blocks.slice(1) : blocks) {
    const action = block.get('action')?.toLowerCase();
    const code = /([245])\.\d{1,3}\.\d{1,3}/.exec(block.get('status') ?? '')?.[0] ?? null;
    if (action !== 'failed' || !code) continue;
    const recipient = address(block.get('final-recipient') ?? block.get('original-recipient'));
    return {
      kind: code.startsWith('5') ? 'hard' : 'soft',
      recipient,
      status: code,
      originalMessageId: original && quotedMessageId(original),
    };
  }
  return null;
}

/** RFC 5965 (ARF): a feedback report of type abuse (or fraud, virus…) is a complaint about the quoted message. */
function fromFeedbackReport(report: string, original: string | null): DeliveryReport | null {
  const block = fields(report);
  const type = block.get('feedback-type')?.toLowerCase();
  if (!type || type === 'not-spam') return null;
  const recipient = address(block.get('original-rcpt-to')) ?? (original ? address(/^To:\s*(.*)$/im.exec(original)?.[1]) : null);
  return { kind: 'complaint', recipient, status: type, originalMessageId: original && quotedMessageId(original) };
}

const BOUNCE_SUBJECT =
  /undeliver|delivery (status notification|failure|has failed)|returned mail|failure notice|mail delivery failed|non-?delivery/i;

/**
 * Bounces that are not RFC 3464 (qmail, old Exchange, many hosted MTAs): a failure notice whose text quotes the
 * original headers. Only believed with the quoted Message-ID, which the caller checks against the invitation.
 */
function fromPlainBounce(mail: ParsedMail): DeliveryReport | null {
  const body = `${mail.text ?? ''}\n${partText(mail, ['message/rfc822', 'text/rfc822-headers']) ?? ''}`;
  const originalMessageId = quotedMessageId(body);
  if (!BOUNCE_SUBJECT.test(mail.subject ?? '') || !originalMessageId) return null;
  // Not a part of a longer dotted number: "Connected to 10.4.5.6" names a host, not a 4.5.6 status.
  const enhanced = /(?<![\w.])([45])\.\d{1,3}\.\d{1,3}(?!\.?\d)/.exec(body)?.[0];
  const basic = /(?<![\w.])([45])\d\d(?!\.?\d)/.exec(body)?.[1];
  const permanent = enhanced ? enhanced.startsWith('5') : basic !== '4';
  const recipient = address(/<([^\s<>]+@[^\s<>]+)>/.exec(mail.text ?? '')?.[1]);
  return { kind: permanent ? 'hard' : 'soft', recipient, status: enhanced ?? null, originalMessageId };
}

/** Reads a report received at the bounce address; null for anything that is not a failure or a complaint. */
export function parseDeliveryReport(mail: ParsedMail): DeliveryReport | null {
  const original = partText(mail, ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);
  const feedback = partText(mail, ['message/feedback-report']);
  if (feedback) return fromFeedbackReport(feedback, original);
  const status = partText(mail, ['message/delivery-status', 'message/global-delivery-status']);
  if (status) return fromDeliveryStatus(status, original);
  return fromPlainBounce(mail);
}
