import { JobRepository, JobHandler, JobName, QueueName } from '@cairn/jobs';
import { deleteRedisPrefix } from './utils/redis-prefix';
import { testConfig } from './utils/test-app';
import { waitFor } from './utils/test-worker';

describe('graceful shutdown', () => {
  it('lets an in-flight job finish before the worker closes', async () => {
    const config = testConfig('postgresql://unused');
    const producer = new JobRepository(config);
    const worker = new JobRepository(config);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    let finished = false;
    const slow: JobHandler = async () => {
      started = true;
      await gate;
      finished = true;
    };
    worker.startWorkers(new Map([[JobName.RelayOutbox, slow]]));
    try {
      await producer.queue({ name: JobName.RelayOutbox, data: {} }, { jobId: 'slow-1' });
      await waitFor(() => started, 10_000, 'job to start');
      let closed = false;
      const closing = worker.onModuleDestroy().then(() => {
        closed = true;
      });
      // The job is still running: closing must wait for it rather than abandon it. A close that
      // does not wait (BullMQ's close(true)) resolves within a few Redis round trips, so a
      // close still pending after a generous window is the proof; absence cannot be awaited.
      await stillPendingAfter(closing, 1_500);
      expect(closed).toBe(false);
      expect(finished).toBe(false);
      release();
      await closing;
      expect(finished).toBe(true);
      const job = await producer.getQueue(QueueName.Maintenance).getJob('slow-1');
      expect(await job?.getState()).toBe('completed');
    } finally {
      release();
      await producer.onModuleDestroy();
      await deleteRedisPrefix(config, config.redisPrefix);
    }
  });
});

/** Resolves after `ms` unless `promise` settles first, in which case the caller's flag tells. */
function stillPendingAfter(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const window = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise.then(() => undefined), window]).finally(() => clearTimeout(timer));
}
