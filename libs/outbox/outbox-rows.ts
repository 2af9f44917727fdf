import { uuid7 } from '@cairn/common';
import { OutboxMessage } from './outbox.types';

/** An outbox_events row as written: ids are made here, so a raw statement can insert the rows it was handed. */
export interface OutboxRowValues {
  id: string;
  workspaceId: string | null;
  topic: string;
  payload: object;
}

/** The stored form of a message: domain events keep their data, jobs their name, id, due time and attempts. */
export function outboxRowValues(message: OutboxMessage): OutboxRowValues {
  if (message.topic === 'job') {
    return {
      id: uuid7(),
      workspaceId: message.workspaceId ?? null,
      topic: message.topic,
      payload: {
        job: message.job,
        jobId: message.jobId,
        runAt: message.runAt?.toISOString() ?? null,
        ...(message.attempts ? { attempts: message.attempts } : {}),
      },
    };
  }
  return { id: uuid7(), workspaceId: message.workspaceId, topic: message.topic, payload: message.data };
}
