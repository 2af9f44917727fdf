import { JobIds, JobName } from '@cairn/jobs';
import { outboxRowValues } from '@cairn/outbox';

const SEND_ID = '@invitation-id@';
const SEND_RUN_AT = new Date(0);

/**
 * The outbox payload that queues one invitation's send, as JSON text with two
 * placeholders a statement replaces per invitation it schedules: `id` by the
 * invitation's id and `runAt` by its time. Built by outboxRowValues() like
 * every other outbox row, so the payload's shape is defined in one place. The
 * event intake and the relationship scheduler write their sends with it.
 */
export const SEND_JOB_TEMPLATE = {
  payload: JSON.stringify(
    outboxRowValues({
      topic: 'job',
      job: { name: JobName.SendInvitation, data: { invitationId: SEND_ID } },
      jobId: JobIds.sendInvitation(SEND_ID),
      runAt: SEND_RUN_AT,
    }).payload,
  ),
  id: SEND_ID,
  runAt: SEND_RUN_AT.toISOString(),
} as const;
