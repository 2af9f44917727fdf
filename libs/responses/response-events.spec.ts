import { responseEvents, settledEvents, sideOf, stepEvents } from './response-events';

describe('sideOf', () => {
  it.each([
    ['nps', 0, 'response.detractor'],
    ['nps', 6, 'response.detractor'],
    ['nps', 7, null],
    ['nps', 8, null],
    ['nps', 9, 'response.promoter'],
    ['csat', 2, 'response.detractor'],
    ['csat', 3, null],
    ['csat', 4, 'response.promoter'],
    ['ces', 3, 'response.detractor'],
    ['ces', 4, null],
    ['ces', 5, 'response.promoter'],
  ] as const)('%s %i → %p', (metric, score, side) => {
    expect(sideOf(metric, score)).toBe(side);
  });
});

describe('responseEvents', () => {
  const topics = (previous: number | null, score: number) => responseEvents('w', 'r', 'nps', score, previous).map((m) => m.topic);

  it('announces a new response and its side with the response id only', () => {
    const messages = responseEvents('w', 'r1', 'nps', 3, null);
    expect(messages).toEqual([
      { topic: 'response.created', workspaceId: 'w', data: { responseId: 'r1' } },
      { topic: 'response.detractor', workspaceId: 'w', data: { responseId: 'r1' } },
    ]);
  });

  it('announces a passive answer without a side', () => {
    expect(topics(null, 7)).toEqual(['response.created']);
  });

  it('announces the side of an edit only when it changes', () => {
    expect(topics(3, 4)).toEqual(['response.updated']);
    expect(topics(3, 10)).toEqual(['response.updated', 'response.promoter']);
    expect(topics(8, 2)).toEqual(['response.updated', 'response.detractor']);
    expect(topics(10, 7)).toEqual(['response.updated']);
  });
});

describe('answers saved step by step', () => {
  it('a step announces the change only', () => {
    expect(stepEvents('w', 'r', null).map((m) => m.topic)).toEqual(['response.created']);
    expect(stepEvents('w', 'r', 3).map((m) => m.topic)).toEqual(['response.updated']);
  });

  it('settling announces the side against the score alerts last acted on, not the last step', () => {
    expect(settledEvents('w', 'r', 'nps', 9, null).map((m) => m.topic)).toEqual(['response.settled', 'response.promoter']);
    expect(settledEvents('w', 'r', 'nps', 9, 10).map((m) => m.topic)).toEqual(['response.settled']);
    expect(settledEvents('w', 'r', 'nps', 3, 9).map((m) => m.topic)).toEqual(['response.settled', 'response.detractor']);
  });

  it('a Send after steps compares its side with the settled score', () => {
    // 9 settled, steps down to 3 (no side), Send at 3: detractor, though the previous save was 3 too.
    expect(responseEvents('w', 'r', 'nps', 3, 3, 9).map((m) => m.topic)).toEqual(['response.updated', 'response.detractor']);
    // Steps of a first answer never settled, then Send at 9.
    expect(responseEvents('w', 'r', 'nps', 9, 4, null).map((m) => m.topic)).toEqual(['response.updated', 'response.promoter']);
  });
});
