import { sqlLiteral, utcIsoSql } from '@cairn/database';
import { JobIds, JobName } from '@cairn/jobs';
import { outboxRowValues } from '@cairn/outbox';

const SEND_ID = '@invitation-id@';
const SEND_RUN_AT = new Date(0);

/**
 * The outbox payload that queues one invitation's send, as JSON text with two
 * placeholders: `@invitation-id@` for the invitation's id and the epoch for its
 * time. Built by outboxRowValues() like every other outbox row, so the
 * payload's shape is defined in one place.
 */
const SEND_JOB_PAYLOAD = JSON.stringify(
  outboxRowValues({
    topic: 'job',
    job: { name: JobName.SendInvitation, data: { invitationId: SEND_ID } },
    jobId: JobIds.sendInvitation(SEND_ID),
    runAt: SEND_RUN_AT,
  }).payload,
);

/**
 * The SQL expression of a send job's outbox payload (jsonb) for the invitation whose id and `timestamp` (UTC) the
 * two given SQL expressions read: the template with its placeholders replaced, for statements that schedule sends
 * for the invitations they insert. The event intake and the relationship scheduler write their sends with it.
 */
export function sendJobPayloadSql(invitationId: string, scheduledFor: string): string {
  const [payload, id, runAt] = [SEND_JOB_PAYLOAD, SEND_ID, SEND_RUN_AT.toISOString()].map(sqlLiteral);
  return `replace(replace(${payload}, ${id}, ${invitationId}), ${runAt}, ${utcIsoSql(scheduledFor)})::jsonb`;
}
