import { ERASED } from './redact';
import { redactStoredBody } from './stored-body';

const ids = { personId: 'p-1', values: ['erin@example.com', 'Erin Erasable', 'the courier was rude'] };
const responses = new Set(['r-1']);

describe('redactStoredBody', () => {
  it("drops the anonymised responses' comments and the person from Cairn's body, kept as JSON text", () => {
    const body = JSON.stringify({
      type: 'case.updated',
      data: {
        case: { id: 'c-1', personId: 'p-1', responseId: 'r-1' },
        response: {
          id: 'r-1',
          score: 2,
          comment: 'Fine, Thanks',
          personId: 'p-1',
          personProperties: { plan: 'pro', email: 'erin@example.com' },
        },
        person: { id: 'p-1', email: 'erin@example.com', name: 'Erin Erasable', properties: { plan: 'pro' } },
        other: { id: 'r-2', comment: 'kept: another answer' },
        change: { note: 'Erin said: The courier was RUDE' },
      },
    });
    expect(JSON.parse(redactStoredBody(body, ids, responses) as string)).toEqual({
      type: 'case.updated',
      data: {
        case: { id: 'c-1', personId: ERASED, responseId: 'r-1' },
        response: { id: 'r-1', score: 2, comment: null, personId: ERASED, personProperties: { plan: 'pro' } },
        person: { id: null, email: null, name: null, properties: {} },
        other: { id: 'r-2', comment: 'kept: another answer' },
        change: { note: ERASED },
      },
    });
  });

  it("does the same to Delighted's body and to stored JSON values, and falls back to text", () => {
    const delighted = {
      event_type: 'survey_response.created',
      event_data: { id: 'r-1', comment: 'ok', person: { id: 'p-1', email: 'erin@example.com' } },
    };
    expect(redactStoredBody(delighted, ids, responses)).toEqual({
      event_type: 'survey_response.created',
      event_data: { id: 'r-1', comment: null, person: { id: null, email: null } },
    });
    expect(redactStoredBody('not json: Erin Erasable wrote', ids, responses)).toBe(`not json: ${ERASED} wrote`);
  });
});
