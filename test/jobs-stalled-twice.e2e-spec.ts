import { JobHandler, JobName, JobRepository, QueueName } from '@cairn/jobs';
import { testConfig } from './utils/test-app';
import { testRedisPrefix } from './utils/redis-prefix';
import { waitFor } from './utils/wait-for';

// A worker process that dies holds its jobs' locks until they lapse; the next stalled check puts the jobs back.
// BullMQ's default fails a job for good at its second such death, and nothing runs a failed dispatch-events job
// again: how many deaths a job now outlives, and why, is MAX_STALLS in libs/jobs/job.repository.ts.
describe('a job whose worker process dies twice while running it', () => {
  const redisPrefix = testRedisPrefix();
  const repositories: JobRepository[] = [];
  const held: Array<() => void> = [];
  const ranIn: string[] = [];

  /** One worker "process": a job repository of its own on the same Redis prefix, with one events slot. */
  function workerProcess(name: string, hold: boolean): JobRepository {
    const jobs = new JobRepository(testConfig('postgres://unused/none', { redisPrefix, jobLockMs: 1_000 }));
    repositories.push(jobs);
    const handler: JobHandler = async () => {
      ranIn.push(name);
      if (hold) await new Promise<void>((release) => held.push(release));
    };
    jobs.startWorkers(new Map([[JobName.DispatchEvents, handler]]), { [QueueName.Events]: 1 });
    return jobs;
  }

  /** The process dies: its worker stops at once, renewing no lock and finishing nothing. */
  const die = (jobs: JobRepository) => jobs.worker(QueueName.Events)!.close(true);

  afterAll(async () => {
    held.forEach((release) => release());
    await Promise.all(repositories.map((jobs) => jobs.onModuleDestroy()));
  });

  it('is put back each time and completes in the third process', async () => {
    const first = workerProcess('first', true);
    await first.queue({ name: JobName.DispatchEvents, data: { outboxEventIds: ['stalls-twice'] } }, { jobId: 'stalls-twice' });
    await waitFor(() => ranIn.length === 1, 15_000, 'the first process to take the job');
    await die(first);

    const second = workerProcess('second', true);
    await waitFor(() => ranIn.length === 2, 15_000, 'the second process to take the stalled job');
    await die(second);

    workerProcess('third', false);
    const job = () => first.getQueue(QueueName.Events).getJob('stalls-twice');
    const state = await waitFor(
      async () => {
        const current = await (await job())?.getState();
        return (current === 'completed' || current === 'failed') && current;
      },
      15_000,
      'the job to complete or fail',
    );
    expect({ state, failedReason: (await job())?.failedReason, ranIn }).toEqual({
      state: 'completed',
      failedReason: undefined,
      ranIn: ['first', 'second', 'third'],
    });
  });
});
