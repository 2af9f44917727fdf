import { judgeWindow, windowScore } from './score-window';

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
});
