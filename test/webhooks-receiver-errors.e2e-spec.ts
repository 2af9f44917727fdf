import { ServerResponse } from 'node:http';
import { recordResponse } from './closed-loop.fixtures';
import { waitFor } from './utils/test-worker';
import { WebhookHarness } from './webhooks.harness';

describe('webhook receivers that fail: 410, 429, timeout, redirect', () => {
  const h = new WebhookHarness();

  // A 1 s send deadline, so the hanging receiver below times out quickly.
  beforeAll(() => h.start({ webhookTimeoutMs: 1_000 }));
  afterAll(() => h.close());
  afterEach(() => h.disableAll());

  it('disables the endpoint on 410 Gone and sends it nothing more', async () => {
    const hook = await h.endpoint('/gone');
    h.on('/gone', (res) => res.writeHead(410).end());
    await recordResponse(h.ctx, h.place, 0);
    const delivery = await h.settledDelivery(hook.id, 'failed');
    expect(delivery.attempts).toBe(1);
    const shown = await h.ctx.api('get', `/api/v1/webhooks/${hook.id}`).expect(200);
    expect(shown.body).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410') });
    // A later event reaches a witness endpoint but not the disabled one.
    await h.endpoint('/gone-witness');
    await recordResponse(h.ctx, h.place, 0);
    await waitFor(() => h.receiver.to('/gone-witness').length === 1, 15_000, 'witness');
    expect(h.receiver.to('/gone')).toHaveLength(1);
    expect(await h.deliveries(hook.id)).toHaveLength(1);
  });

  it('waits as long as Retry-After says on 429', async () => {
    const hook = await h.endpoint('/busy');
    let first = true;
    h.on('/busy', (res) => {
      if (!first) return res.writeHead(204).end();
      first = false;
      res.writeHead(429, { 'retry-after': '2' }).end();
    });
    await recordResponse(h.ctx, h.place, 4);
    await waitFor(async () => (await h.deliveries(hook.id)).some((d) => d.status === 'succeeded'), 60_000, 'after 429');
    const [a, b] = h.receiver.to('/busy');
    expect(a.id).toBe(b.id);
    // The schedule alone would have retried after ~100 ms.
    expect(b.at - a.at).toBeGreaterThanOrEqual(1_900);
  });

  it('gives up on a receiver that does not answer within the timeout, and logs it', async () => {
    const hook = await h.endpoint('/hang');
    const held: ServerResponse[] = [];
    h.on('/hang', (res) => (held.length === 0 ? held.push(res) : res.writeHead(204).end()));
    await recordResponse(h.ctx, h.place, 5);
    const delivery = await h.settledDelivery(hook.id, 'succeeded');
    held.forEach((res) => res.end());
    expect(delivery.attemptLog[0]).toMatchObject({ number: 1, statusCode: null, error: 'timeout' });
    expect(delivery.attemptLog[0].latencyMs).toBeGreaterThanOrEqual(900);
    expect(delivery.attemptLog[1]).toMatchObject({ number: 2, statusCode: 204 });
  });

  it('never follows a redirect: a 3xx is a failed attempt', async () => {
    const hook = await h.endpoint('/moved');
    h.on('/moved', (res) => res.writeHead(302, { location: h.receiver.url('/elsewhere') }).end());
    await recordResponse(h.ctx, h.place, 6);
    const delivery = await h.settledDelivery(hook.id, 'failed');
    // Every answered attempt got the 302 and stopped there (a loaded machine may time one out: that is not a redirect).
    const answered = delivery.attemptLog.filter((a) => a.error !== 'timeout');
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.map((a) => [a.number, a.statusCode, a.error])).toEqual(answered.map((a) => [a.number, 302, null]));
    expect(h.receiver.to('/elsewhere')).toHaveLength(0);
  });
});
