import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DOMAIN_EVENTS } from '@cairn/outbox';
import { recordResponses, seedPlace } from './closed-loop.fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// What one detractor answer announces in a workspace with the default detractor rule.
const DETRACTOR_EVENTS = ['alert.triggered', 'case.opened', 'response.created', 'response.detractor'];

/**
 * Two workspaces, each with an endpoint for every event and an alert rule that
 * matches any answer. What happens in one must reach only its own endpoint.
 */
describe('webhooks: fan-out stays inside its workspace', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let receiver: WebhookReceiver;
  let sink: SmtpSink;
  let other: { workspaceId: string; apiKey: string };
  const endpoints: Record<'a' | 'b', string> = { a: '', b: '' };

  beforeAll(async () => {
    // Cases mail their admins: a real sink takes those emails.
    sink = await new SmtpSink().start();
    ctx = await startTestApi({ webhookRetrySchedule: [100, 100], smtpUrl: sink.url });
    worker = await startTestWorker(ctx.config);
    receiver = await new WebhookReceiver().start();
    other = await ctx.createWorkspace('tenant-b');
    const hook = async (path: string, key: string) =>
      (
        await ctx
          .api('post', '/api/v1/webhooks', key)
          .send({ url: receiver.url(path), events: [...DOMAIN_EVENTS] })
          .expect(201)
      ).body.id as string;
    endpoints.a = await hook('/a', ctx.apiKey);
    endpoints.b = await hook('/b', other.apiKey);
    for (const key of [ctx.apiKey, other.apiKey]) {
      await ctx
        .api('post', '/api/v1/alert-rules', key)
        .send({ name: 'Every NPS answer', kind: 'response', metric: 'nps', scoreAtMost: 10 })
        .expect(201);
    }
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await ctx?.close();
    await sink?.close();
  });

  const typesAt = (path: string) =>
    receiver
      .to(path)
      .map((hit) => JSON.parse(hit.body).type as string)
      .sort();
  const deliveriesOf = (endpointId: string) => ctx.prisma.webhookDelivery.count({ where: { endpointId } });

  /** Waits until `path` heard every event of `count` detractor answers (two rules alert on each). */
  const heardAll = (path: string, count: number) =>
    waitFor(() => typesAt(path).length >= count * (DETRACTOR_EVENTS.length + 1) && typesAt(path), 30_000, `deliveries to ${path}`);

  it('an answer in workspace A reaches A’s endpoint and nothing of it reaches B', async () => {
    const place = await seedPlace(ctx);
    await recordResponses(ctx, place, [0, 3]);
    const heard = await heardAll('/a', 2);
    expect(new Set(heard)).toEqual(new Set(DETRACTOR_EVENTS));
    // Deliveries for every subscribed endpoint are written together, before any is sent:
    // had B's endpoint been picked, its rows would exist by now.
    expect(await deliveriesOf(endpoints.b)).toBe(0);
    expect(receiver.to('/b')).toEqual([]);
    // B's rule matches any NPS answer, yet A's answers are not B's to alert on.
    expect(await ctx.prisma.alert.count({ where: { workspaceId: other.workspaceId } })).toBe(0);
    expect(await ctx.prisma.case.count({ where: { workspaceId: other.workspaceId } })).toBe(0);
  });

  it('and the other way round: B’s answer reaches only B', async () => {
    const seenByA = receiver.to('/a').length;
    const deliveriesA = await deliveriesOf(endpoints.a);
    const place = await seedPlace(ctx, { workspaceId: other.workspaceId });
    await recordResponses(ctx, place, [1]);
    expect(new Set(await heardAll('/b', 1))).toEqual(new Set(DETRACTOR_EVENTS));
    expect(await deliveriesOf(endpoints.a)).toBe(deliveriesA);
    expect(receiver.to('/a')).toHaveLength(seenByA);
    const created = receiver
      .to('/b')
      .map((hit) => JSON.parse(hit.body))
      .find((body) => body.type === 'response.created');
    expect(created.data.touchpoint.id).toBe(place.touchpoint.id);
  });
});
