import { decideInvitations, isThrottled, suppressionReason } from './fatigue.policy';

const day = 86_400_000;
const at = new Date('2026-11-01T12:00:00Z');
const plus = (days: number) => new Date(at.getTime() + days * day);

describe('fatigue policy', () => {
  it('throttles a survey closer than throttleDays to another, on either side', () => {
    expect(isThrottled([plus(-29.9)], at, 30)).toBe(true);
    expect(isThrottled([plus(29.9)], at, 30)).toBe(true);
    expect(isThrottled([plus(-30)], at, 30)).toBe(false);
    expect(isThrottled([plus(-1)], at, 0)).toBe(false);
    expect(isThrottled([], at, 30)).toBe(false);
  });

  it('names why an address is suppressed, erasure first', () => {
    const person = { email: 'a@example.com', unsubscribedAt: null, erasedAt: null };
    expect(suppressionReason(person, null)).toBeNull();
    expect(suppressionReason(person, 'bounced')).toBe('bounced');
    expect(suppressionReason({ ...person, unsubscribedAt: at }, null)).toBe('unsubscribed');
    expect(suppressionReason({ ...person, email: null, erasedAt: at }, 'unsubscribed')).toBe('erased');
  });

  it('schedules the first survey of an event and throttles the rest, keeping every decision', () => {
    const surveys = [
      { surveyId: 'a', scheduledFor: at, throttleDays: 30 },
      { surveyId: 'b', scheduledFor: plus(2), throttleDays: 30 },
      { surveyId: 'c', scheduledFor: plus(40), throttleDays: 30 },
      { surveyId: 'd', scheduledFor: plus(41), throttleDays: 0 },
    ];
    expect(decideInvitations(surveys, { suppressed: null, otherSurveyTimes: [] })).toEqual([
      { status: 'scheduled', reason: null },
      { status: 'throttled', reason: 'recently_surveyed' },
      { status: 'scheduled', reason: null },
      { status: 'scheduled', reason: null },
    ]);
    expect(decideInvitations(surveys.slice(0, 1), { suppressed: null, otherSurveyTimes: [plus(-3)] })).toEqual([
      { status: 'throttled', reason: 'recently_surveyed' },
    ]);
    expect(decideInvitations(surveys.slice(0, 2), { suppressed: 'bounced', otherSurveyTimes: [] })).toEqual([
      { status: 'suppressed', reason: 'bounced' },
      { status: 'suppressed', reason: 'bounced' },
    ]);
  });

  it('names a person without email no_email and an erased one erased; a suppression outranks an unsubscribe', () => {
    const person = { email: 'a@example.com', unsubscribedAt: null, erasedAt: null };
    expect(suppressionReason({ ...person, email: null }, null)).toBe('no_email');
    expect(suppressionReason({ ...person, email: null, erasedAt: at }, null)).toBe('erased');
    expect(suppressionReason({ ...person, erasedAt: at }, null)).toBe('erased');
    expect(suppressionReason({ ...person, email: '' }, 'bounced')).toBe('no_email');
    expect(suppressionReason({ ...person, unsubscribedAt: at }, 'complained')).toBe('complained');
  });

  it('judges an SMS survey by the SMS stop list and an email survey by the address, throttling across both', () => {
    const surveys = [
      { surveyId: 'email', scheduledFor: at, throttleDays: 10 },
      { surveyId: 'sms', scheduledFor: at, throttleDays: 10, channel: 'sms' as const },
    ];
    expect(decideInvitations(surveys, { suppressed: 'bounced', suppressedSms: null, otherSurveyTimes: [] })).toEqual([
      { status: 'suppressed', reason: 'bounced' },
      { status: 'scheduled', reason: null },
    ]);
    expect(decideInvitations(surveys, { suppressed: 'no_email', suppressedSms: 'sms_stopped', otherSurveyTimes: [] })).toEqual([
      { status: 'suppressed', reason: 'no_email' },
      { status: 'suppressed', reason: 'sms_stopped' },
    ]);
    expect(decideInvitations(surveys, { suppressed: null, suppressedSms: null, otherSurveyTimes: [] })).toEqual([
      { status: 'scheduled', reason: null },
      { status: 'throttled', reason: 'recently_surveyed' },
    ]);
  });

  it('throttles only inside the window: the same instant blocks, the boundary does not, a negative setting is off', () => {
    expect(isThrottled([at], at, 1)).toBe(true);
    expect(isThrottled([plus(1)], at, 1)).toBe(false);
    expect(isThrottled([plus(0.999)], at, 1)).toBe(true);
    expect(isThrottled([at], at, -5)).toBe(false);
    expect(isThrottled([plus(-100), plus(0.5)], at, 1)).toBe(true);
  });

  it('counts a scheduled survey against the following ones, never one that was throttled', () => {
    const surveys = [
      { surveyId: 'a', scheduledFor: at, throttleDays: 10 },
      { surveyId: 'b', scheduledFor: plus(5), throttleDays: 10 },
      { surveyId: 'c', scheduledFor: plus(12), throttleDays: 10 },
    ];
    // b is throttled by a; c is 12 days after a and would be throttled by b had b counted.
    expect(decideInvitations(surveys, { suppressed: null, otherSurveyTimes: [] }).map((d) => d.status)).toEqual([
      'scheduled',
      'throttled',
      'scheduled',
    ]);
    expect(decideInvitations([], { suppressed: 'bounced', otherSurveyTimes: [] })).toEqual([]);
  });
});
