import { EventIntakeService } from '@cairn/distribution';
import { FactoryContext, unique } from './factory-context';

/**
 * A person and their invitation to a survey, made the way production makes
 * them: an event of the survey's trigger through EventIntakeService (person
 * upsert, fatigue rules, the invitation row and the outbox row of its send).
 * The test module must include DistributionModule and an active survey on
 * `trigger`. Throttling or suppression may decide `status` other than scheduled.
 */
export async function createInvitation(
  t: FactoryContext,
  workspaceId: string,
  input: { trigger: string; surveyId: string; email?: string; name?: string; properties?: Record<string, string> },
) {
  const email = input.email ?? `${unique('invitee')}@example.com`;
  const result = await t
    .get(EventIntakeService)
    .accept(workspaceId, { type: input.trigger, person: { email, name: input.name, properties: input.properties } });
  const invitation = result.invitations.find((i) => i.surveyId === input.surveyId);
  if (!invitation) throw new Error(`no invitation to survey ${input.surveyId} for event ${input.trigger}`);
  return { ...invitation, email, eventId: result.eventId };
}
