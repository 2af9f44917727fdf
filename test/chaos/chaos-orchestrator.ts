import request from 'supertest';
import { createSurvey } from '../utils/distribution-fixtures';
import { EventLoad } from '../utils/event-load';
import type { TestContext } from '../utils/test-app';
import { AnswerLoad } from './answer-load';
import { ChaosCluster } from './chaos-cluster';
import { CheckRow, runChecks, settle } from './chaos-checks';
import { FAULTS } from './chaos-faults';

export interface ChaosOptions {
  seconds: number;
  eventsPerSecond?: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  rows: CheckRow[];
  ok: boolean;
  faults: string[];
  refused: Record<string, number>;
  unexpectedDeaths: string[];
  failedStarts: string[];
}

/**
 * One chaos run: a steady load of events and answers (with detractors) for
 * `seconds` while every fault of FAULTS happens once; then the faults are
 * over, the load stops, the platform gets time to settle, and the checks run.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const began = Date.now();
  const since = () => `${((Date.now() - began) / 1000).toFixed(0)} s`;
  const cluster = await ChaosCluster.start();
  const faults: string[] = [];
  try {
    log(
      `cluster up after ${since()}: postgres :${cluster.pg.port}, redis :${cluster.redis.port}, APIs ${cluster.apiUrls().join(' ')}, ${cluster.workers.length} workers`,
    );
    const ctx = {
      api: (method, path) => request(cluster.apis[0].url)[method](path).set('Authorization', `Bearer ${cluster.apiKey}`),
    } as TestContext;
    await createSurvey(ctx, { event: 'order.delivered', throttleDays: 0 });
    await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: cluster.receiver.url('/hook'), events: ['response.created', 'response.detractor'] })
      .expect(201);

    const events = new EventLoad({
      apis: () => cluster.apiUrls(),
      apiKey: cluster.apiKey,
      type: 'order.delivered',
      perSecond: options.eventsPerSecond ?? 6,
      email: (n) => (n % 10 === 9 ? bounceAddress(cluster, n) : `customer-${n}@example.com`),
    });
    const answers = new AnswerLoad(cluster.sink.mails, () => cluster.apiUrls());
    events.start();
    answers.start();

    const loadMs = options.seconds * 1000;
    const windowMs = Math.max(3_000, Math.min(60_000, loadMs * 0.08));
    const started = Date.now();
    const running: Array<Promise<void>> = [];
    for (const fault of FAULTS) {
      const wait = started + fault.at * loadMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      log(`t+${((Date.now() - started) / 1000).toFixed(0)}s  ${fault.name}`);
      faults.push(fault.name);
      running.push(
        fault
          .run(cluster, windowMs)
          .then(() => log(`t+${((Date.now() - started) / 1000).toFixed(0)}s  done: ${fault.name}`))
          .catch((error: Error) => log(`fault "${fault.name}" could not be applied: ${error.message}`)),
      );
    }
    await Promise.all(running);
    log(`faults over (replacements up) at ${since()}`);
    const rest = started + loadMs - Date.now();
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    log('load stops; waiting for the platform to settle');
    await events.stop();
    // Mails of the last events still arrive while settling; they are answered too.
    const settleStarted = Date.now();
    // Generous: a healthy platform settles in seconds, but on a loaded machine replacements boot slowly and a
    // claim orphaned by a SIGKILL waits out its lock. A lost email never arrives, however long this waits.
    const settled = await settle(cluster, 240_000);
    await answers.stop();
    if (settled) await settle(cluster, 60_000);
    log(`${settled ? 'settled' : 'NOT settled'} after ${((Date.now() - settleStarted) / 1000).toFixed(0)} s`);
    for (const failure of cluster.failedStarts) log(`a replacement process failed to start and was started again: ${failure}`);
    const rows = await runChecks(cluster, events, answers);
    log(`checks done at ${since()}`);
    const refused = Object.fromEntries([...events.refused, ...[...answers.refused].map(([k, v]) => [`answer ${k}`, v] as const)]);
    return {
      rows,
      ok: rows.every((r) => r.ok),
      faults,
      refused,
      unexpectedDeaths: cluster.unexpectedDeaths,
      failedStarts: cluster.failedStarts,
    };
  } finally {
    await cluster.stop();
  }
}

function bounceAddress(cluster: ChaosCluster, n: number): string {
  const email = `bounce-${n}@example.com`;
  cluster.sink.unknownRecipients.add(email);
  return email;
}
