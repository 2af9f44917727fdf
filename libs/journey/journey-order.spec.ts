import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { planTouchpointMoves } from './journey-order.service';

describe('planTouchpointMoves', () => {
  // Journey: stage A holds a1, a2, a3; stage B holds b1, b2 (in this order).
  const all = [
    { id: 'a1', stageId: 'A' },
    { id: 'b1', stageId: 'B' },
    { id: 'a2', stageId: 'A' },
    { id: 'b2', stageId: 'B' },
    { id: 'a3', stageId: 'A' },
  ];

  it('moves nothing out when the list only reorders the stage', () => {
    expect(planTouchpointMoves(all, 'A', ['a3', 'a1', 'a2'])).toEqual(new Map());
  });

  it('closes the gap in each stage that gives a touchpoint away, keeping its order', () => {
    expect(planTouchpointMoves(all, 'B', ['b1', 'a2', 'b2'])).toEqual(new Map([['A', ['a1', 'a3']]]));
    expect(planTouchpointMoves(all, 'B', ['a3', 'b2', 'a1', 'b1'])).toEqual(new Map([['A', ['a2']]]));
    // Taking every touchpoint of a stage leaves it empty.
    expect(planTouchpointMoves(all, 'A', ['b2', 'a1', 'a2', 'b1', 'a3'])).toEqual(new Map([['B', []]]));
  });

  it('refuses a list that leaves out one of the stage’s own touchpoints (a stale page)', () => {
    expect(() => planTouchpointMoves(all, 'A', ['a1', 'a3'])).toThrow(ConflictException);
    expect(() => planTouchpointMoves(all, 'B', [])).toThrow(ConflictException);
  });

  it('refuses and names ids that are not touchpoints of the journey', () => {
    expect(() => planTouchpointMoves(all, 'B', ['b1', 'b2', 'x9'])).toThrow(
      new UnprocessableEntityException('Not touchpoints of this journey: x9'),
    );
  });
});
