import { decideFollow, followNote, FollowInput } from './case-follow.policy';

describe('a case following its edited answer', () => {
  const base: FollowInput = {
    status: 'open',
    autoResolved: false,
    seenScore: 3,
    score: 3,
    metric: 'nps',
    threshold: 6,
    autoResolve: false,
  };

  it('stays quiet while the answer stays on the side it was noted on', () => {
    for (const score of [0, 4, 6]) expect(decideFollow({ ...base, score })).toBeNull();
    expect(decideFollow({ ...base, seenScore: 9, score: 8 })).toBeNull();
  });

  it('notes an edit out of the range, and resolves only when the workspace opted in', () => {
    expect(decideFollow({ ...base, score: 7 })).toEqual({ intoRange: false, status: 'open', autoResolved: false });
    expect(decideFollow({ ...base, score: 9, autoResolve: true })).toEqual({ intoRange: false, status: 'resolved', autoResolved: true });
    expect(decideFollow({ ...base, status: 'in_progress', score: 9, autoResolve: true })).toMatchObject({ status: 'resolved' });
    // A case a person already resolved is theirs: noted, not flagged as resolved by the edit.
    expect(decideFollow({ ...base, status: 'resolved', score: 9, autoResolve: true })).toEqual({
      intoRange: false,
      status: 'resolved',
      autoResolved: false,
    });
  });

  it('reopens on an edit back into the range only what the edit resolved', () => {
    const back = { ...base, seenScore: 9, score: 2 };
    expect(decideFollow({ ...back, status: 'resolved', autoResolved: true })).toEqual({
      intoRange: true,
      status: 'open',
      autoResolved: false,
    });
    expect(decideFollow({ ...back, status: 'resolved', autoResolved: false })).toEqual({
      intoRange: true,
      status: 'resolved',
      autoResolved: false,
    });
    expect(decideFollow({ ...back, status: 'in_progress' })).toMatchObject({ status: 'in_progress' });
  });

  it("uses the alert's threshold, else the metric's detractor bucket; an unknown last score was in the range", () => {
    expect(decideFollow({ ...base, threshold: 4, score: 5 })).toMatchObject({ intoRange: false });
    expect(decideFollow({ ...base, threshold: null, score: 7 })).toMatchObject({ intoRange: false });
    expect(decideFollow({ ...base, metric: 'csat', threshold: null, seenScore: 2, score: 3 })).toMatchObject({ intoRange: false });
    expect(decideFollow({ ...base, seenScore: null, score: 9 })).toMatchObject({ intoRange: false });
  });

  it('writes a note that says from what to what, when, and what happened', () => {
    const at = new Date('2026-12-02T07:30:12Z');
    const resolved = decideFollow({ ...base, score: 9, autoResolve: true })!;
    expect(followNote(3, 9, at, 'nps', resolved, 'open')).toBe(
      "Answer changed from 3 to 9 (NPS) at 2026-12-02 07:30 UTC: no longer in the alert's range, so the case was resolved automatically.",
    );
    expect(followNote(null, 9, at, 'nps', decideFollow({ ...base, score: 9 })!, 'open')).toBe(
      "Answer changed to 9 (NPS) at 2026-12-02 07:30 UTC: no longer in the alert's range.",
    );
    const reopened = decideFollow({ ...base, seenScore: 9, score: 2, status: 'resolved', autoResolved: true })!;
    expect(followNote(9, 2, at, 'nps', reopened, 'resolved')).toMatch(/back in the alert's range, so the case was reopened\.$/);
  });
});
