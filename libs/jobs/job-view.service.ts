import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { scrubSecrets } from '@cairn/common';
import { JobInspectionRepository, JobRecord, JobState } from './job-inspection.repository';
import { JobOwnershipRepository } from './job-ownership.repository';
import { JobSubject, subjectKey, subjectOf } from './job-subject';
import { QueueName } from './job.types';

/** The maintenance queue holds only instance-wide jobs: no workspace owns any of them. */
const WORKSPACE_QUEUES: string[] = [QueueName.Email, QueueName.Events, QueueName.Webhooks];
const PAGE = 200;
/** Jobs read per queue and state before giving up on filling `limit`; completed ones are capped at 1000 a queue anyway. */
const SCAN = 5000;

interface Owned {
  record: JobRecord;
  state: string;
  subject: JobSubject;
}

/**
 * A workspace admin's view of the queues: only jobs whose subject (the row
 * their payload names) belongs to the workspace, without payloads, with
 * failure reasons scrubbed of addresses and link tokens.
 */
@Injectable()
export class JobViewService {
  constructor(
    private readonly inspection: JobInspectionRepository,
    private readonly ownership: JobOwnershipRepository,
  ) {}

  async list(workspaceId: string, states: readonly JobState[], limit: number) {
    const found: Owned[] = [];
    let truncated = false;
    for (const queue of WORKSPACE_QUEUES as QueueName[]) {
      for (const state of states) {
        let kept = 0;
        for (let start = 0; kept < limit; start += PAGE) {
          if (start >= SCAN) {
            truncated = true;
            break;
          }
          const page = await this.inspection.page(queue, state, start, start + PAGE - 1);
          const mine = await this.owned(
            workspaceId,
            page.map((record) => ({ record, state })),
          );
          found.push(...mine);
          kept += mine.length;
          if (page.length < PAGE) break;
        }
      }
    }
    found.sort((a, b) => b.record.timestamp - a.record.timestamp);
    return { data: found.slice(0, limit).map(present), truncated };
  }

  /** Another workspace's job, or an instance-wide one, is a 404 like a job that does not exist. */
  async retry(workspaceId: string, queue: string, id: string) {
    const found = WORKSPACE_QUEUES.includes(queue) ? await this.inspection.find(queue as QueueName, id) : null;
    const [job] = found ? await this.owned(workspaceId, [found]) : [];
    if (!job) throw new NotFoundException('Job not found');
    if (job.state !== 'failed') throw new ConflictException(`Only failed jobs can be retried; this one is ${job.state}`);
    await this.inspection.retry(job.record.queue, job.record.id);
    return present({ ...job, state: 'waiting' });
  }

  private async owned(workspaceId: string, jobs: Array<{ record: JobRecord; state: string }>): Promise<Owned[]> {
    const withSubject = jobs.flatMap((job) => {
      const subject = subjectOf(job.record.name, job.record.data);
      return subject ? [{ ...job, subject }] : [];
    });
    if (!withSubject.length) return [];
    const mine = await this.ownership.owned(
      workspaceId,
      withSubject.map((job) => job.subject),
    );
    return withSubject.filter((job) => mine.has(subjectKey(job.subject)));
  }
}

function present({ record, state, subject }: Owned) {
  const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);
  return {
    id: record.id,
    queue: record.queue,
    name: record.name,
    state,
    subject,
    attempts: record.attemptsMade,
    maxAttempts: record.maxAttempts,
    // BullMQ keeps SMTP replies and receiver errors here; they may quote an address.
    failedReason: record.failedReason && scrubSecrets(record.failedReason).slice(0, 500),
    createdAt: iso(record.timestamp),
    runAt: record.delay ? iso(record.timestamp + record.delay) : null,
    processedAt: iso(record.processedOn),
    finishedAt: iso(record.finishedOn),
  };
}
