import { toDelightedWebhook } from './delighted-webhook.mapper';

const base = { publicBaseUrl: 'https://cx.example.com' };

function responseBody(type: string, overrides: Record<string, unknown> = {}) {
  return {
    type,
    id: 'evt-1',
    createdAt: '2026-03-01T10:00:05.000Z',
    data: {
      response: {
        id: 'r-1',
        metric: 'nps',
        score: 9,
        comment: 'Fast!',
        personProperties: { plan: 'pro' },
        createdAt: '2026-03-01T10:00:00.000Z',
        updatedAt: '2026-03-01T10:05:00.000Z',
        ...overrides,
      },
      person: { id: 'p-1', email: 'ada@example.com', name: 'Ada', createdAt: '2026-02-01T00:00:00.000Z', properties: { plan: 'pro' } },
      touchpoint: { id: 't-1', key: 'delighted' },
    },
  };
}

describe('Delighted webhook payloads', () => {
  it("maps response.created to survey_response.created in Delighted's shape", () => {
    expect(toDelightedWebhook(responseBody('response.created'), base)).toEqual({
      event_type: 'survey_response.created',
      event_id: 'evt-1',
      event_data: {
        id: 'r-1',
        person: { id: 'p-1', email: 'ada@example.com', name: 'Ada', created_at: 1769904000 },
        survey_type: 'nps',
        score: 9,
        comment: 'Fast!',
        permalink: 'https://cx.example.com/api/v1/responses/r-1',
        created_at: 1772359200,
        updated_at: 1772359500,
        person_properties: { plan: 'pro' },
        notes: [],
        tags: [],
        additional_answers: [],
      },
    });
  });

  it('maps response.updated, and an anonymised response has no person', () => {
    const body = responseBody('response.updated', { comment: undefined, personProperties: {} });
    body.data.person = null as never;
    const mapped = toDelightedWebhook(body, base)!;
    expect(mapped.event_type).toBe('survey_response.updated');
    expect(mapped.event_data).toMatchObject({ person: null, comment: null, person_properties: null });
  });

  it('maps person.unsubscribed to unsubscribe.created with the person given by the caller', () => {
    const body = { type: 'person.unsubscribed', id: 'evt-2', createdAt: new Date('2026-03-02T00:00:00Z'), data: { personId: 'p-1' } };
    const person = {
      id: 'p-1',
      email: 'ada@example.com',
      name: null,
      createdAt: new Date('2026-02-01T00:00:00Z'),
      unsubscribedAt: new Date('2026-03-01T23:59:59Z'),
    };
    expect(toDelightedWebhook(body, { ...base, person })).toEqual({
      event_type: 'unsubscribe.created',
      event_id: 'evt-2',
      event_data: { person: { id: 'p-1', email: 'ada@example.com', name: null, created_at: 1769904000 }, unsubscribed_at: 1772409599 },
    });
    expect(toDelightedWebhook(body, base)!.event_data).toEqual({ person: null, unsubscribed_at: 1772409600 });
  });

  it('has nothing to send for events Delighted never had', () => {
    for (const type of ['response.detractor', 'response.promoter', 'alert.triggered', 'case.opened', 'case.updated']) {
      expect(toDelightedWebhook({ type, id: 'x', createdAt: null, data: {} }, base)).toBeNull();
    }
  });
});
