import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '@cairn/database';

/** The secret is deliberately absent: it is shown once, by create(). */
export function toWebhookDto(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    format: e.format,
    delightedSigningKeySet: e.delightedSigningKey !== null,
    description: e.description,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    failingSince: e.failingSince,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

export function toDeliveryDto(d: WebhookDelivery & { attemptLog: WebhookAttempt[] }) {
  return {
    id: d.id,
    eventId: d.outboxEventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    lastStatus: d.lastStatus,
    deliveredAt: d.deliveredAt,
    createdAt: d.createdAt,
    // Stored as the exact bytes sent; shown parsed.
    payload: typeof d.payload === 'string' ? JSON.parse(d.payload) : d.payload,
    attemptLog: d.attemptLog.map((a) => ({
      number: a.number,
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      responseBody: a.responseBody,
      error: a.error,
      createdAt: a.createdAt,
    })),
  };
}
