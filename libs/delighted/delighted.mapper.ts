// Cairn rows in the shapes of Delighted's v1 API: string ids, Unix-second timestamps, snake_case.
import type { CaseNote, Person, Response } from '@cairn/database';
import type { SurveyDates } from '@cairn/people';
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
    id: person.id,
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
    id: person.id,
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
  /** Given when the client asked for expand[]=notes. */
  notes?: CaseNote[];
  permalinkBase: string;
}

export function toDelightedResponse(response: Response, extras: ResponseExtras) {
  const snapshot = response.personProperties as Record<string, unknown> | null;
  return {
    id: response.id,
    person: extras.person !== undefined ? extras.person && toListedPerson(extras.person) : response.personId,
    survey_type: response.metric,
    score: response.score,
    comment: response.comment,
    permalink: `${extras.permalinkBase}/api/v1/responses/${response.id}`,
    created_at: toUnix(response.createdAt),
    updated_at: toUnix(response.updatedAt),
    person_properties: snapshot && Object.keys(snapshot).length ? snapshot : null,
    notes: (extras.notes ?? []).map((note) => ({
      id: note.id,
      text: note.body,
      user_email: note.author,
      created_at: toUnix(note.createdAt),
    })),
    tags: [],
    additional_answers: [],
  };
}
