import type { InvitationStatus, SuppressionReason } from '@cairn/database';

const DAY_MS = 86_400_000;

/** Why an address must not be surveyed, or null. */
export function suppressionReason(
  person: { email: string | null; unsubscribedAt: Date | null; erasedAt: Date | null },
  suppression: SuppressionReason | null,
): string | null {
  if (person.erasedAt) return 'erased';
  // A person known only by phone number: their SMS surveys go out, their email surveys cannot.
  if (!person.email) return 'no_email';
  if (suppression) return suppression;
  if (person.unsubscribedAt) return 'unsubscribed';
  return null;
}

/**
 * At most one survey per person per workspace per `throttleDays`: any other
 * survey of this person (planned or sent) closer than that to `at`, on either
 * side, blocks this one. 0 days turns the rule off for the survey.
 */
export function isThrottled(otherSurveyTimes: Date[], at: Date, throttleDays: number): boolean {
  if (throttleDays <= 0) return false;
  const window = throttleDays * DAY_MS;
  return otherSurveyTimes.some((time) => Math.abs(time.getTime() - at.getTime()) < window);
}

export interface PlannedSurvey {
  surveyId: string;
  scheduledFor: Date;
  throttleDays: number;
  /** Omitted = email. */
  channel?: 'email' | 'sms';
}

export interface Decision {
  status: InvitationStatus;
  reason: string | null;
}

/**
 * Decides each survey an event triggers, in order: the first that passes the
 * rules is scheduled and then counts against the following ones, so one event
 * matching three surveys still sends one email (fatigue counts across channels). POST /events runs these rules
 * inside its SQL statement (EventIntakeRepository, one round trip per event);
 * a service test holds that statement's decisions equal to this function's.
 */
export function decideInvitations(
  surveys: PlannedSurvey[],
  ctx: { suppressed: string | null; suppressedSms?: string | null; otherSurveyTimes: Date[] },
): Decision[] {
  const times = [...ctx.otherSurveyTimes];
  return surveys.map((survey) => {
    // An SMS survey is judged by the SMS stop list (suppressedSms), an email survey by the address's suppressions.
    const suppressed = survey.channel === 'sms' ? (ctx.suppressedSms ?? null) : ctx.suppressed;
    if (suppressed) return { status: 'suppressed', reason: suppressed };
    if (isThrottled(times, survey.scheduledFor, survey.throttleDays)) return { status: 'throttled', reason: 'recently_surveyed' };
    times.push(survey.scheduledFor);
    return { status: 'scheduled', reason: null };
  });
}
