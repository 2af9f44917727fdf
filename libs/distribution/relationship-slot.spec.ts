import { randomUUID } from 'node:crypto';
import { DAY_SECONDS, periodIndexAt, periodStart, slotAt, slotOffsetSeconds } from './relationship-slot';

const personId = (i: number) => `01937a1e-5000-7000-8000-${i.toString(16).padStart(12, '0')}`;

describe('relationship slots', () => {
  const survey = '01937a1e-0000-7000-8000-000000000001';

  it('gives a person the same offset every time, another survey another one, always inside the period', () => {
    const person = randomUUID();
    const first = slotOffsetSeconds(survey, person, 90);
    expect(slotOffsetSeconds(survey, person, 90)).toBe(first);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(90 * DAY_SECONDS);
    expect(Number.isInteger(first)).toBe(true);
    const others = Array.from({ length: 20 }, (_, i) => slotOffsetSeconds(`${survey.slice(0, -2)}${10 + i}`, person, 90));
    expect(new Set(others).size).toBeGreaterThan(15);
  });

  it('spreads 10,000 people evenly over the period (chi-square over 30 daily bins below the 0.1 % critical value)', () => {
    const days = 30;
    const bins = new Array<number>(days).fill(0);
    // Fixed, sequential ids (uuid7s of one workspace are as alike as this): the result does not depend on the run.
    for (let i = 0; i < 10_000; i++) bins[Math.floor(slotOffsetSeconds(survey, personId(i), days) / DAY_SECONDS)]++;
    const expected = 10_000 / days;
    const chiSquare = bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    // 29 degrees of freedom: P(χ² > 58.3) = 0.001 for a uniform spread.
    expect(chiSquare).toBeLessThan(58.3);
    expect(Math.min(...bins)).toBeGreaterThan(expected * 0.8);
    expect(Math.max(...bins)).toBeLessThan(expected * 1.2);
  });

  it('counts periods from the anchor and places each slot in its period', () => {
    const plan = { everyDays: 7, anchor: new Date('2026-01-01T12:00:00.000Z') };
    expect(periodIndexAt(plan, new Date('2026-01-01T11:59:59.999Z'))).toBe(-1);
    expect(periodIndexAt(plan, plan.anchor)).toBe(0);
    expect(periodIndexAt(plan, new Date('2026-01-08T11:59:59.999Z'))).toBe(0);
    expect(periodIndexAt(plan, new Date('2026-01-08T12:00:00.000Z'))).toBe(1);
    expect(periodStart(plan, 2).toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(slotAt(plan, 1, 3600).toISOString()).toBe('2026-01-08T13:00:00.000Z');
  });
});
