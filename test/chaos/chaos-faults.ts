import type { ChaosCluster } from './chaos-cluster';

export interface Fault {
  /** When it starts, as a share of the load phase. */
  at: number;
  name: string;
  run: (cluster: ChaosCluster, windowMs: number) => Promise<void>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every kind of fault, spread over the load phase so that each hits a
 * platform still busy with the previous one's aftermath. Temporary faults
 * (SMTP trouble, receiver down) last `windowMs`, a few seconds to a minute.
 */
export const FAULTS: Fault[] = [
  { at: 0.08, name: 'SIGKILL a worker', run: (c) => c.kill(c.workers, () => c.startWorker()) },
  {
    at: 0.16,
    name: 'SMTP answers 421 then 451',
    run: async (c, windowMs) => {
      c.sink.failingWith = { code: 421, message: '4.3.2 Service shutting down' };
      await pause(windowMs / 2);
      c.sink.failingWith = { code: 451, message: '4.3.0 Local error in processing' };
      await pause(windowMs / 2);
      c.sink.failingWith = null;
    },
  },
  { at: 0.3, name: 'SIGKILL an API', run: (c) => c.kill(c.apis, () => c.startApi()) },
  { at: 0.4, name: 'restart Redis', run: (c) => c.redis.restart() },
  {
    at: 0.5,
    name: 'webhook receiver down',
    run: async (c, windowMs) => {
      await c.receiver.pause();
      await pause(windowMs);
      await c.receiver.resume();
    },
  },
  { at: 0.62, name: 'restart Postgres', run: (c) => c.pg.restart() },
  { at: 0.76, name: 'terminate backends', run: async (c) => void (await c.pg.terminateBackends('cairn')) },
  { at: 0.86, name: 'SIGKILL a worker again', run: (c) => c.kill(c.workers, () => c.startWorker()) },
];

/** Recipients at these addresses are answered 550 at RCPT TO: a bounce, never a sendable invitation. */
export function isBounceAddress(email: string): boolean {
  return email.startsWith('bounce-');
}
