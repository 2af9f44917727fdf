import { checkImportItems } from './response-import.checks';
import type { ImportItemDto } from './response-import.dto';
import { importProblemsMessage, parseImportItem } from './response-import.validation';
import type { SurveyTarget } from './survey-target.repository';

const NOW = new Date('2026-06-01T12:00:00Z');
const NPS: SurveyTarget = { surveyId: 's-nps', metric: 'nps', touchpointId: 't', stageId: 'st', journeyId: 'j' };
const CES: SurveyTarget = { ...NPS, surveyId: 's-ces', metric: 'ces' };
const SURVEYS = new Map([NPS, CES].map((s) => [s.surveyId, s]));

const item = (extra: Partial<ImportItemDto> = {}): ImportItemDto =>
  ({ surveyId: 's-nps', score: 7, createdAt: '2026-05-01T00:00:00Z', ...extra }) as ImportItemDto;
const check = (...items: ImportItemDto[]) =>
  checkImportItems(
    items.map((it, index) => ({ index, item: it })),
    SURVEYS,
    NOW,
  );

describe('checkImportItems', () => {
  it('passes items on their survey scale, in the past, with where they belong', () => {
    const { checked, problems } = check(item({ score: 0 }), item({ surveyId: 's-ces', score: 7 }));
    expect(problems).toEqual([]);
    expect(checked.map((c) => [c.index, c.survey.metric, c.createdAt.toISOString()])).toEqual([
      [0, 'nps', '2026-05-01T00:00:00.000Z'],
      [1, 'ces', '2026-05-01T00:00:00.000Z'],
    ]);
  });

  it("judges the score on the survey's own metric", () => {
    expect(check(item({ surveyId: 's-ces', score: 8 })).problems).toEqual([
      { index: 0, field: 'score', message: 'must be an integer from 1 to 7 for CES' },
    ]);
    expect(check(item({ score: 11 })).problems[0].field).toBe('score');
  });

  it('refuses unknown surveys, the future, and a repeated answer id; an answer exactly now is not in the future', () => {
    const { checked, problems } = check(
      item({ surveyId: 'other' }),
      item({ createdAt: '2026-06-01T12:00:01Z' }),
      item({ createdAt: NOW.toISOString(), externalId: 'a' }),
      item({ externalId: 'a' }),
    );
    expect(problems).toEqual([
      { index: 0, field: 'surveyId', message: 'no survey with this id in this workspace' },
      { index: 1, field: 'createdAt', message: 'is in the future' },
      { index: 3, field: 'externalId', message: 'repeats the externalId of items[2]' },
    ]);
    expect(checked.map((c) => c.index)).toEqual([2]);
  });

  it('one person id for two addresses fails the later item; the same address twice is fine (case-insensitive)', () => {
    const { problems } = check(
      item({ person: { email: 'Ann@example.com', externalId: 'p1' } }),
      item({ person: { email: 'ann@example.com', externalId: 'p1' } }),
      item({ person: { email: 'bo@example.com', externalId: 'p1' } }),
    );
    expect(problems).toEqual([{ index: 2, field: 'person.externalId', message: 'is given to another email in items[0]' }]);
  });
});

describe('parseImportItem', () => {
  it('names nested fields and unknown ones, one message per field', () => {
    const { item: parsed, problems } = parseImportItem(
      { surveyId: 's', score: 1.5, createdAt: 'yesterday', person: { email: 'x' }, extra: 1 },
      4,
    );
    expect(parsed).toBeNull();
    expect(problems.every((p) => p.index === 4)).toBe(true);
    expect(problems.map((p) => p.field).sort()).toEqual(['createdAt', 'extra', 'person.email', 'score']);
  });

  it('refuses an item that is not an object', () => {
    expect(parseImportItem(null, 2).problems).toEqual([{ index: 2, field: '', message: 'must be an object' }]);
    expect(parseImportItem([1], 0).problems[0].message).toBe('must be an object');
  });

  it('says the first problem and how many more there are', () => {
    expect(importProblemsMessage([{ index: 3, field: 'score', message: 'bad' }])).toBe('items[3].score: bad');
    expect(
      importProblemsMessage([
        { index: 0, field: '', message: 'must be an object' },
        { index: 1, field: 'score', message: 'bad' },
        { index: 2, field: 'score', message: 'bad' },
      ]),
    ).toBe('items[0]: must be an object (and 2 more problems)');
  });
});
