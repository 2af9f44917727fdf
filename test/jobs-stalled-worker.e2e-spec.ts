import { JobHandler, JobName, JobRepository, QueueName } from '@cairn/jobs';
import { testConfig } from './utils/test-app';
import { waitFor } from './utils/wait-for';

// After a Redis Cluster failover a BullMQ worker's blocking connection can stay `reconnecting` for good: the
// process looks healthy and the queue grows (seen in CI: the events worker never recovered, so no domain event
// was dispatched). The job repository watches each worker's behaviour and replaces one that takes no job while
// jobs are due. Here the worker is stopped by pausing it, which looks the same from outside: jobs due, none taken.
describe('a BullMQ worker that stops taking jobs', () => {
  const WATCH_MS = 300;
  let jobs: JobRepository;
  const ran: string[] = [];
  const held: Array<() => void> = [];

  beforeAll(() => {
    jobs = new JobRepository(testConfig('postgres://unused/none', { workerWatchMs: WATCH_MS }));
    const record: JobHandler = async (data) => {
      const { outboxEventIds } = data as { outboxEventIds: string[] };
      if (outboxEventIds[0].startsWith('hold')) await new Promise<void>((release) => held.push(release));
      ran.push(...outboxEventIds);
    };
    jobs.startWorkers(new Map([[JobName.DispatchEvents, record]]), { [QueueName.Events]: 1 });
  });
  afterAll(async () => {
    held.forEach((release) => release());
    await jobs?.onModuleDestroy();
  });

  const dispatch = (id: string) => jobs.queue({ name: JobName.DispatchEvents, data: { outboxEventIds: [id] } });

  /** Resolves once the watch has read the events queue `ticks` more times. */
  async function watchTicks(ticks: number): Promise<void> {
    const queue = jobs.getQueue(QueueName.Events);
    const counts = jest.spyOn(queue, 'getJobCounts');
    const before = counts.mock.calls.length;
    try {
      await waitFor(() => counts.mock.calls.length >= before + ticks, 15_000, `${ticks} watch ticks`);
    } finally {
      counts.mockRestore();
    }
  }

  it('keeps a full worker: its due jobs wait for its one slot', async () => {
    const worker = jobs.worker(QueueName.Events);
    await dispatch('hold-1');
    await dispatch('after-hold');
    await waitFor(() => held.length === 1, 15_000, 'the held job to start');
    await watchTicks(4);
    expect(jobs.worker(QueueName.Events)).toBe(worker);
    held.shift()!();
    await waitFor(() => ran.includes('after-hold'), 15_000, 'the queued job to run');
    expect(ran).toEqual(['hold-1', 'after-hold']);
  });

  it('replaces a worker that takes no job while jobs are due, and each job runs once', async () => {
    const stalled = jobs.worker(QueueName.Events)!;
    const before = ran.length;
    await stalled.pause(true);
    await dispatch('while-stalled-1');
    await dispatch('while-stalled-2');
    await waitFor(() => jobs.worker(QueueName.Events) !== stalled, 15_000, 'the stalled worker to be replaced');
    await waitFor(() => ran.length === before + 2, 15_000, 'the due jobs to run');
    expect(ran.slice(before).sort()).toEqual(['while-stalled-1', 'while-stalled-2']);
    await waitFor(() => stalled.closing !== undefined && !stalled.isRunning(), 60_000, 'the stalled worker to be closed');
  });

  it('keeps a healthy idle worker on an empty queue', async () => {
    const worker = jobs.worker(QueueName.Events);
    await watchTicks(4);
    expect(jobs.worker(QueueName.Events)).toBe(worker);
  });
});
