import type { ReportKind } from './delivery-report.parser';

/** One recipient's bounce or complaint from a provider's event, before it is tied to an invitation. */
export interface ProviderReport {
  kind: ReportKind;
  recipient: string;
  status: string | null;
  originalMessageId: string | null;
  reportId: string;
}

type Json = Record<string, unknown>;
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v) as Json[]) : []);

/**
 * Amazon SES's bounce and complaint notifications (the SNS message's `Message`, parsed): a Permanent bounce is
 * hard, Transient and Undetermined are soft; the Message-ID Cairn set is read from the original headers SES keeps.
 */
export function fromSesNotification(notification: Json, snsMessageId: string): ProviderReport[] {
  const type = str(notification.notificationType) ?? str(notification.eventType);
  const mail = (notification.mail ?? {}) as Json;
  const header = list(mail.headers).find((h) => String(h.name).toLowerCase() === 'message-id');
  const originalMessageId = str(header?.value) ?? str((mail.commonHeaders as Json | undefined)?.messageId);
  if (type === 'Bounce') {
    const bounce = (notification.bounce ?? {}) as Json;
    const kind: ReportKind = bounce.bounceType === 'Permanent' ? 'hard' : 'soft';
    return list(bounce.bouncedRecipients).flatMap((r) => {
      const recipient = str(r.emailAddress);
      return recipient
        ? [
            {
              kind,
              recipient,
              status: str(r.status) ?? str(bounce.bounceSubType),
              originalMessageId,
              reportId: `${snsMessageId}:${recipient}`,
            },
          ]
        : [];
    });
  }
  if (type === 'Complaint') {
    const complaint = (notification.complaint ?? {}) as Json;
    if (complaint.complaintFeedbackType === 'not-spam') return [];
    return list(complaint.complainedRecipients).flatMap((r) => {
      const recipient = str(r.emailAddress);
      const status = str(complaint.complaintFeedbackType) ?? 'complaint';
      return recipient
        ? [{ kind: 'complaint' as const, recipient, status, originalMessageId, reportId: `${snsMessageId}:${recipient}` }]
        : [];
    });
  }
  return [];
}

// Postmark's bounce types (https://postmarkapp.com/developer/api/bounce-api#bounce-types): the address is gone…
const POSTMARK_HARD = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated', 'SpamNotification', 'Blocked']);
// …or may come back; delays (Transient), auto-replies and subscription changes are no bounce.
const POSTMARK_SOFT = new Set(['SoftBounce', 'DnsError', 'Undeliverable']);

/** Postmark's Bounce and SpamComplaint webhooks. */
export function fromPostmarkEvent(event: Json): ProviderReport | null {
  const recipient = str(event.Email);
  const id = str(event.ID) ?? (typeof event.ID === 'number' ? String(event.ID) : null);
  if (!recipient || !id) return null;
  const type = str(event.Type);
  const base = { recipient, status: type, originalMessageId: null, reportId: `${str(event.RecordType)}:${id}` };
  if (event.RecordType === 'SpamComplaint' || type === 'SpamComplaint') return { kind: 'complaint', ...base };
  if (event.RecordType !== 'Bounce' || !type) return null;
  if (POSTMARK_HARD.has(type)) return { kind: 'hard', ...base };
  if (POSTMARK_SOFT.has(type)) return { kind: 'soft', ...base };
  return null;
}
