import { randomBytes } from 'node:crypto';
import { JobRepository, JobHandler } from '../libs/jobs/job.repository';
import { JobName, QueueName } from '../libs/jobs/job.types';
import { testConfig } from './utils/test-app';
import { waitFor } from './utils/test-worker';

describe('graceful shutdown', () => {
  it('lets an in-flight job finish before the worker closes', async () => {
    const config = testConfig('postgresql://unused', { redisPrefix: `cairn-test-${randomBytes(4).toString('hex')}` });
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
      const closing = worker.onModuleDestroy();
      // The job is still running: closing must wait for it rather than abandon it.
      expect(finished).toBe(false);
      release();
      await closing;
      expect(finished).toBe(true);
      const job = await producer.getQueue(QueueName.Maintenance).getJob('slow-1');
      expect(await job?.getState()).toBe('completed');
    } finally {
      release();
      await producer.getQueue(QueueName.Maintenance).obliterate({ force: true });
      await producer.onModuleDestroy();
    }
  });
});
