import type { AlertRule } from '@cairn/database';
import { matches, thresholdFor } from './rule-matcher';

const rule = (r: Partial<AlertRule>): AlertRule => ({
  id: 'r',
  workspaceId: 'w',
  name: 'n',
  kind: 'response',
  metric: null,
  scoreAtMost: null,
  thresholds: null,
  touchpointIds: [],
  touchpointId: null,
  stageId: null,
  below: null,
  windowDays: null,
  minResponses: null,
  triggered: false,
  isDefault: false,
  enabled: true,
  createdAt: new Date(),
  updatedAt: new Date(),
  ...r,
});
const defaultRule = rule({ isDefault: true, thresholds: { nps: 6, csat: 2, ces: 3 } });

describe('response rule matching', () => {
  it('applies the default rule per metric: NPS ≤ 6, CSAT ≤ 2, CES ≤ 3', () => {
    const cases: Array<['nps' | 'csat' | 'ces', number, boolean]> = [
      ['nps', 6, true],
      ['nps', 7, false],
      ['nps', 0, true],
      ['csat', 2, true],
      ['csat', 3, false],
      ['ces', 3, true],
      ['ces', 4, false],
    ];
    for (const [metric, score, expected] of cases) {
      expect(matches(defaultRule, { metric, score, touchpointId: 't' })).toBe(expected);
    }
  });

  it('a custom rule sees only its metric and its touchpoints', () => {
    const custom = rule({ metric: 'nps', scoreAtMost: 3, touchpointIds: ['a', 'b'] });
    expect(matches(custom, { metric: 'nps', score: 3, touchpointId: 'a' })).toBe(true);
    expect(matches(custom, { metric: 'nps', score: 4, touchpointId: 'a' })).toBe(false);
    expect(matches(custom, { metric: 'nps', score: 1, touchpointId: 'c' })).toBe(false);
    expect(matches(custom, { metric: 'csat', score: 1, touchpointId: 'a' })).toBe(false);
    expect(thresholdFor(rule({ metric: 'csat', scoreAtMost: 1, touchpointId: 'x' }), { metric: 'csat', score: 1, touchpointId: 'x' })).toBe(
      1,
    );
  });

  it('ignores disabled rules and score_drop rules', () => {
    expect(matches(rule({ ...defaultRule, enabled: false }), { metric: 'nps', score: 0, touchpointId: 't' })).toBe(false);
    expect(matches(rule({ kind: 'score_drop', metric: 'nps', scoreAtMost: 10 }), { metric: 'nps', score: 0, touchpointId: 't' })).toBe(
      false,
    );
  });

  it('a rule on one touchpoint (touchpointId) ignores answers elsewhere', () => {
    const single = rule({ metric: 'nps', scoreAtMost: 6, touchpointId: 'x' });
    expect(thresholdFor(single, { metric: 'nps', score: 1, touchpointId: 'y' })).toBeNull();
    expect(matches(single, { metric: 'nps', score: 1, touchpointId: 'x' })).toBe(true);
  });

  it('an answer to a relationship survey (no touchpoint) meets workspace-wide rules only', () => {
    const relationship = { metric: 'nps' as const, score: 2, touchpointId: null };
    expect(matches(defaultRule, relationship)).toBe(true);
    expect(matches(rule({ metric: 'nps', scoreAtMost: 6 }), relationship)).toBe(true);
    expect(matches(rule({ metric: 'nps', scoreAtMost: 6, touchpointId: 'x' }), relationship)).toBe(false);
    expect(matches(rule({ metric: 'nps', scoreAtMost: 6, touchpointIds: ['x', 'y'] }), relationship)).toBe(false);
  });

  it('a default rule without thresholds, or without a number for this metric, alerts on nothing', () => {
    const answer = { metric: 'nps' as const, score: 0, touchpointId: 't' };
    expect(thresholdFor(rule({ isDefault: true, thresholds: null }), answer)).toBeNull();
    expect(thresholdFor(rule({ isDefault: true, thresholds: { csat: 2 } }), answer)).toBeNull();
    expect(thresholdFor(rule({ isDefault: true, thresholds: { nps: '6' } }), answer)).toBeNull();
  });
});
