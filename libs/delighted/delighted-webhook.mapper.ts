// Cairn's webhook body → the body Delighted sent, for endpoints with
// `format: "delighted"`, so receivers written for Delighted keep working.
// Pure: the caller loads whatever the Cairn body does not carry.

import { responsePermalink } from './delighted.mapper';

type Instant = string | Date | null | undefined;

export interface CairnWebhookBody {
  type: string;
  id: string;
  createdAt: Instant;
  data: Record<string, unknown>;
}

export interface WebhookPerson {
  id: string;
  /** The numeric id Delighted's API shows (compat id); the Cairn id when not given. */
  compatId?: string | number | bigint | null;
  email: string | null;
  name: string | null;
  createdAt?: Instant;
  unsubscribedAt?: Instant;
}

export interface DelightedWebhookOptions {
  /** PUBLIC_BASE_URL, for the response permalink. */
  publicBaseUrl: string;
  /** person.unsubscribed carries only the person's id; pass the person. */
  person?: WebhookPerson | null;
  /** What Delighted's response has and Cairn's body not: its numeric id, tags and additional answers. */
  response?: {
    compatId: string | number | bigint;
    tags: string[];
    additionalAnswers: unknown;
    touchpointId: string | null;
    journeyId: string;
  } | null;
}

export interface DelightedWebhookBody {
  event_type: 'survey_response.created' | 'survey_response.updated' | 'unsubscribe.created';
  event_id: string;
  event_data: Record<string, unknown>;
}

const EVENT_TYPES: Record<string, DelightedWebhookBody['event_type']> = {
  'response.created': 'survey_response.created',
  'response.updated': 'survey_response.updated',
  'person.unsubscribed': 'unsubscribe.created',
};

/** Null for Cairn events Delighted had no webhook for (alerts, cases, promoter/detractor): not delivered. */
export function toDelightedWebhook(body: CairnWebhookBody, options: DelightedWebhookOptions): DelightedWebhookBody | null {
  const eventType = EVENT_TYPES[body.type];
  if (!eventType) return null;
  if (eventType === 'unsubscribe.created') {
    const person = options.person ?? null;
    return {
      event_type: eventType,
      event_id: body.id,
      event_data: { person: person && toPerson(person), unsubscribed_at: unix(person?.unsubscribedAt ?? body.createdAt) },
    };
  }
  const response = (body.data.response ?? {}) as Record<string, unknown>;
  const person = (body.data.person ?? null) as WebhookPerson | null;
  const snapshot = response.personProperties as Record<string, unknown> | null | undefined;
  const extra = options.response ?? null;
  return {
    event_type: eventType,
    event_id: body.id,
    event_data: {
      id: extra ? String(extra.compatId) : response.id,
      person: person && toPerson(person),
      survey_type: response.metric,
      score: response.score,
      comment: response.comment ?? null,
      permalink: extra
        ? responsePermalink(options.publicBaseUrl, {
            id: String(response.id),
            touchpointId: extra.touchpointId,
            journeyId: extra.journeyId,
          })
        : `${options.publicBaseUrl}/api/v1/responses/${String(response.id)}`,
      created_at: unix(response.createdAt as Instant),
      updated_at: unix(response.updatedAt as Instant),
      person_properties: snapshot && Object.keys(snapshot).length ? snapshot : null,
      notes: [],
      tags: extra?.tags ?? [],
      additional_answers: Array.isArray(extra?.additionalAnswers) ? extra.additionalAnswers : [],
    },
  };
}

function toPerson(person: WebhookPerson) {
  return {
    id: person.compatId != null ? String(person.compatId) : person.id,
    email: person.email,
    name: person.name,
    created_at: unix(person.createdAt),
  };
}

function unix(at: Instant): number | null {
  if (!at) return null;
  const ms = new Date(at).getTime();
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
