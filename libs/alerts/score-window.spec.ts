import { judgeWindow, windowScore, windowStart } from './score-window';

describe('score_drop window', () => {
  const rule = { below: 0, minResponses: 4, triggered: false };

  it('computes the unrounded headline score of the window', () => {
    expect(windowScore('nps', { 10: 1, 0: 2 })).toEqual({ n: 3, score: -100 / 3 });
    expect(windowScore('csat', { 5: 3, 1: 1 })).toEqual({ n: 4, score: 75 });
    expect(windowScore('ces', {})).toEqual({ n: 0, score: null });
  });

  it('fires once when crossing, again only after recovering', () => {
    expect(judgeWindow(rule, { n: 4, score: -10 })).toBe('crossed');
    expect(judgeWindow({ ...rule, triggered: true }, { n: 4, score: -20 })).toBe('unchanged');
    expect(judgeWindow({ ...rule, triggered: true }, { n: 4, score: 0 })).toBe('recovered');
    expect(judgeWindow(rule, { n: 4, score: 5 })).toBe('unchanged');
  });

  it('decides nothing below minResponses', () => {
    expect(judgeWindow(rule, { n: 3, score: -100 })).toBe('unchanged');
    expect(judgeWindow({ ...rule, triggered: true }, { n: 3, score: 100 })).toBe('unchanged');
  });

  it('looks back windowDays from now, 30 days when the rule leaves it open', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(windowStart({ windowDays: 7 }, now)).toEqual(new Date('2026-03-24T12:00:00Z'));
    expect(windowStart({ windowDays: null }, now)).toEqual(new Date('2026-03-01T12:00:00Z'));
  });

  it('needs one answer when minResponses is open, and a threshold to judge at all', () => {
    expect(judgeWindow({ below: 0, minResponses: null, triggered: false }, { n: 1, score: -100 })).toBe('crossed');
    expect(judgeWindow({ below: 0, minResponses: null, triggered: false }, { n: 0, score: null })).toBe('unchanged');
    expect(judgeWindow({ below: null, minResponses: 1, triggered: false }, { n: 50, score: -100 })).toBe('unchanged');
    expect(judgeWindow({ below: null, minResponses: 1, triggered: true }, { n: 50, score: 100 })).toBe('unchanged');
  });

  it('a score exactly at the threshold is not below it', () => {
    expect(judgeWindow({ below: 10, minResponses: 1, triggered: false }, { n: 5, score: 10 })).toBe('unchanged');
    expect(judgeWindow({ below: 10, minResponses: 1, triggered: false }, { n: 5, score: 9.99 })).toBe('crossed');
    expect(judgeWindow({ below: 10, minResponses: 5, triggered: false }, { n: 5, score: 0 })).toBe('crossed');
  });
});

describe('score_drop window without answers', () => {
  it('decides nothing on an empty window even when the rule asks for no minimum', () => {
    expect(judgeWindow({ below: 10, minResponses: 0, triggered: false }, { n: 0, score: null })).toBe('unchanged');
    expect(judgeWindow({ below: 10, minResponses: 0, triggered: true }, { n: 0, score: null })).toBe('unchanged');
  });
});
