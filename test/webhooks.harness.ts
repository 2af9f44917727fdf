import type { AppConfig } from '@cairn/config';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ServerResponse } from 'node:http';
import { Place, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { ReceivedHook, WebhookReceiver } from './utils/webhook-receiver';

// Test-only backoff (documented in the README): 100 ms between attempts instead of 5 s … 10 h.
export const SCHEDULE = [100, 100, 100, 100, 100, 100, 100];

export interface DeliveryView {
  id: string;
  status: string;
  attempts: number;
  attemptLog: Array<{ number: number; statusCode: number | null; error: string | null; responseBody: string | null; latencyMs: number }>;
}

/**
 * API + worker + a local receiver, with the short schedule and a 5 s send deadline: the receiver answers at once,
 * but it shares its process with the API and the worker, and on a loaded CI machine (load 6 on 2 cores) an answer
 * took over a second to be read, so a 1 s deadline logged answered attempts as timeouts. The timeout test sets 1 s.
 */
export class WebhookHarness {
  ctx!: TestContext;
  worker!: NestFastifyApplication;
  receiver!: WebhookReceiver;
  place!: Place;

  async start(overrides: Partial<AppConfig> = {}): Promise<this> {
    this.ctx = await startTestApi({ webhookRetrySchedule: SCHEDULE, webhookTimeoutMs: 5_000, ...overrides });
    this.worker = await startTestWorker(this.ctx.config);
    this.receiver = await new WebhookReceiver().start();
    this.place = await seedPlace(this.ctx);
    return this;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.receiver?.close();
    await this.ctx?.close();
  }

  /** Each test's endpoint hears only its own events. */
  async disableAll(): Promise<void> {
    await this.ctx.prisma.webhookEndpoint.updateMany({ data: { enabled: false } });
  }

  /** Answers requests to `path` with `answer`; anything else gets 204. */
  on(path: string, answer: (res: ServerResponse, hit: ReceivedHook) => void): void {
    this.receiver.reply = (hit, res) => (hit.path === path ? answer(res, hit) : res.writeHead(204).end());
  }

  async endpoint(path: string, events = ['response.detractor']): Promise<{ id: string; secret: string }> {
    const res = await this.ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: this.receiver.url(path), events })
      .expect(201);
    return res.body;
  }

  async deliveries(endpointId: string): Promise<DeliveryView[]> {
    return (await this.ctx.api('get', `/api/v1/webhooks/${endpointId}/deliveries`).expect(200)).body.data;
  }

  /** The endpoint's only delivery, once it reached `status`. */
  settledDelivery(endpointId: string, status: 'succeeded' | 'failed'): Promise<DeliveryView> {
    return waitFor(async () => (await this.deliveries(endpointId)).find((d) => d.status === status), 15_000, `a ${status} delivery`);
  }
}
