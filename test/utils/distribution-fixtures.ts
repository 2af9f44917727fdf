import { randomBytes } from 'node:crypto';
import type { SmtpSink } from './smtp-sink';
import type { TestContext } from './test-app';

export interface SurveyOptions {
  metric?: 'nps' | 'csat' | 'ces';
  event?: string;
  delaySeconds?: number;
  throttleDays?: number;
  reminderAfterSeconds?: number | null;
  expiresAfterSeconds?: number;
  question?: Record<string, string>;
  subject?: Record<string, string>;
  touchpointName?: string;
}

/** journey → stage → touchpoint → survey through the public API; returns the survey. */
export async function createSurvey(ctx: TestContext, options: SurveyOptions = {}, apiKey?: string) {
  const suffix = randomBytes(4).toString('hex');
  const journey = (
    await ctx
      .api('post', '/api/v1/journeys', apiKey)
      .send({ name: `J ${suffix}`, stages: [{ name: 'Delivery' }] })
      .expect(201)
  ).body;
  const touchpoint = (
    await ctx
      .api('post', '/api/v1/touchpoints', apiKey)
      .send({ stageId: journey.stages[0].id, name: options.touchpointName ?? 'Home delivery', key: `tp-${suffix}`, channel: 'delivery' })
      .expect(201)
  ).body;
  const body: Record<string, unknown> = {
    touchpointId: touchpoint.id,
    metric: options.metric ?? 'nps',
    trigger: { event: options.event ?? 'order.delivered', delaySeconds: options.delaySeconds ?? 0 },
  };
  for (const key of ['throttleDays', 'reminderAfterSeconds', 'expiresAfterSeconds', 'question', 'subject'] as const) {
    if (options[key] !== undefined) body[key] = options[key];
  }
  return (await ctx.api('post', '/api/v1/surveys', apiKey).send(body).expect(201)).body as { id: string; touchpointId: string };
}

export function uniqueEmail(label = 'person'): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.com`;
}

/** POST /api/v1/events, expecting 202. */
export async function sendEvent(ctx: TestContext, body: Record<string, unknown>, apiKey?: string) {
  const res = await ctx.api('post', '/api/v1/events', apiKey).send(body);
  if (res.status !== 202) throw new Error(`POST /events answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as {
    eventId: string;
    invitations: Array<{ id: string; surveyId: string; status: string; scheduledFor: string; reason?: string }>;
  };
}

/** Creates `count` events for as many people, `parallel` at a time; returns the invitation ids. */
export async function createInvitations(ctx: TestContext, type: string, count: number, parallel = 25): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, () =>
      sendEvent(ctx, { type, person: { email: uniqueEmail('bulk') } }),
    );
    for (const body of await Promise.all(batch)) ids.push(body.invitations[0].id);
  }
  return ids;
}

/** No Message-ID arrived twice and none but the invitations' did; returns the invitations whose email never arrived. */
export function expectAtMostOnce(sink: SmtpSink, invitationIds: string[]): string[] {
  const counts = sink.countByMessageId();
  const duplicates = [...counts].filter(([, n]) => n > 1);
  expect(duplicates).toEqual([]);
  const messageIds = new Set(invitationIds.map((id) => `<${id}@localhost>`));
  expect([...counts.keys()].filter((messageId) => !messageIds.has(messageId))).toEqual([]);
  return invitationIds.filter((id) => !counts.has(`<${id}@localhost>`));
}

/** Every invitation's Message-ID arrived exactly once, and nothing else did. */
export function expectExactlyOnce(sink: SmtpSink, invitationIds: string[]): void {
  expect(expectAtMostOnce(sink, invitationIds)).toEqual([]);
  expect(sink.mails).toHaveLength(invitationIds.length);
}
