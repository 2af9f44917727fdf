// Cairn rows in the shapes of Delighted's v1 API: string ids, Unix-second timestamps, snake_case.
import type { CaseNote, Person, Response } from '@cairn/database';
import type { SurveyDates } from '@cairn/people';
import { compatIdText } from './delighted-ids';
import { toUnix } from './delighted-params';

export interface DelightedInvitationInfo {
  id: string | null;
  status: string;
  reason: string | null;
  scheduled_at: number | null;
}

/** The answer of POST /people: Delighted's five fields, plus what happened to the survey (Cairn's addition). */
export function toCreatedPerson(person: Person, invitation: DelightedInvitationInfo | null) {
  return {
    id: compatIdText(person.compatId),
    email: person.email,
    name: person.name,
    survey_scheduled_at: invitation?.status === 'scheduled' ? invitation.scheduled_at : null,
    properties: person.properties ?? {},
    phone_number: person.phoneNumber,
    cairn_invitation: invitation,
  };
}

export function toListedPerson(person: Person, dates?: SurveyDates) {
  return {
    id: compatIdText(person.compatId),
    email: person.email,
    name: person.name,
    created_at: toUnix(person.createdAt),
    phone_number: person.phoneNumber,
    last_sent_at: toUnix(dates?.lastSentAt),
    last_responded_at: toUnix(dates?.lastRespondedAt),
    next_survey_scheduled_at: toUnix(dates?.nextScheduledAt),
  };
}

export interface ResponseExtras {
  /** Given when the client asked for expand[]=person. */
  person?: Person | null;
  /** The person's compat id (the response's `person` without expand[]=person). */
  personRef: string | null;
  /** Given when the client asked for expand[]=notes. */
  notes?: CaseNote[];
  permalinkBase: string;
}

export function toDelightedResponse(response: Response, extras: ResponseExtras) {
  const snapshot = response.personProperties as Record<string, unknown> | null;
  return {
    id: compatIdText(response.compatId),
    person: extras.person !== undefined ? extras.person && toListedPerson(extras.person) : extras.personRef,
    survey_type: response.metric,
    score: response.score,
    comment: response.comment,
    permalink: responsePermalink(extras.permalinkBase, response),
    created_at: toUnix(response.createdAt),
    updated_at: toUnix(response.updatedAt),
    person_properties: snapshot && Object.keys(snapshot).length ? snapshot : null,
    notes: (extras.notes ?? []).map((note) => ({
      id: note.id,
      text: note.body,
      user_email: note.author,
      created_at: toUnix(note.createdAt),
    })),
    tags: response.tags ?? [],
    additional_answers: Array.isArray(response.additionalAnswers) ? response.additionalAnswers : [],
  };
}

/** The dashboard's page of the response's touchpoint, the response named (Delighted's permalink opened its own app). */
export function responsePermalink(base: string, response: Pick<Response, 'id' | 'touchpointId' | 'journeyId'>): string {
  const page = response.touchpointId ? `/touchpoints/${response.touchpointId}` : `/journeys/${response.journeyId}`;
  return `${base}/#${page}?response=${response.id}`;
}
