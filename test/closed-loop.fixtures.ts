import { randomBytes } from 'node:crypto';
import type { DomainEventType } from '../libs/outbox/outbox.types';
import { OutboxRelayService } from '../libs/outbox/outbox-relay.service';
import { OutboxRepository } from '../libs/outbox/outbox.repository';
import type { TestContext } from './utils/test-app';

type Metric = 'nps' | 'csat' | 'ces';
const SCALE: Record<Metric, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };
const DETRACTOR_MAX: Record<Metric, number> = { nps: 6, csat: 2, ces: 3 };
const PROMOTER_MIN: Record<Metric, number> = { nps: 9, csat: 4, ces: 5 };

export type Place = Awaited<ReturnType<typeof seedPlace>>;

/** journey → stage → touchpoint → survey, and a person, as the journey API and distribution leave them. */
export async function seedPlace(ctx: TestContext, options: { workspaceId?: string; metric?: Metric } = {}) {
  const workspaceId = options.workspaceId ?? ctx.workspaceId;
  const suffix = randomBytes(4).toString('hex');
  const journey = await ctx.prisma.journey.create({ data: { workspaceId, name: `Online store ${suffix}` } });
  const stage = await ctx.prisma.stage.create({ data: { workspaceId, journeyId: journey.id, name: 'Purchase', position: 0 } });
  const touchpoint = await ctx.prisma.touchpoint.create({
    data: { workspaceId, journeyId: journey.id, stageId: stage.id, name: 'Checkout', key: `checkout-${suffix}`, channel: 'web' },
  });
  const metric = options.metric ?? 'nps';
  const survey = await ctx.prisma.survey.create({ data: { workspaceId, touchpointId: touchpoint.id, metric, triggerEvent: 'order.paid' } });
  const person = await ctx.prisma.person.create({
    data: { workspaceId, email: `ada-${suffix}@example.com`, name: 'Ada Lovelace', properties: { plan: 'pro' } },
  });
  return { workspaceId, journey, stage, touchpoint, survey, person, metric };
}

function sideEvent(metric: Metric, score: number): DomainEventType | null {
  if (score <= DETRACTOR_MAX[metric]) return 'response.detractor';
  if (score >= PROMOTER_MIN[metric]) return 'response.promoter';
  return null;
}

/**
 * Records a response exactly as the answering service does (issue 4's
 * contract): the row and its domain events in one transaction, then a flush.
 */
export async function recordResponse(ctx: TestContext, place: Place, score: number, options: { createdAt?: Date; comment?: string } = {}) {
  const [response] = await recordResponses(ctx, place, [score], options);
  return response;
}

/** Several responses committed at once (fast on a busy machine); each still has its own events. */
export async function recordResponses(ctx: TestContext, place: Place, scores: number[], options: { createdAt?: Date; comment?: string } = {}) {
  const [min, max] = SCALE[place.metric];
  const rows = await ctx.prisma.$transaction(async (tx) => {
    const created = [];
    for (const score of scores) {
      const row = await tx.response.create({
        data: {
          workspaceId: place.workspaceId, surveyId: place.survey.id, personId: place.person.id, touchpointId: place.touchpoint.id,
          stageId: place.stage.id, journeyId: place.journey.id, metric: place.metric, scaleMin: min, scaleMax: max, score,
          comment: options.comment ?? null, source: 'email', createdAt: options.createdAt,
        },
      });
      const side = sideEvent(place.metric, score);
      await ctx.app.get(OutboxRepository).add(tx, [
        { topic: 'response.created', workspaceId: place.workspaceId, data: { responseId: row.id } },
        ...(side ? [{ topic: side, workspaceId: place.workspaceId, data: { responseId: row.id } }] : []),
      ]);
      created.push(row);
    }
    return created;
  }, { timeout: 60_000 });
  ctx.app.get(OutboxRelayService).flushSoon();
  return rows;
}

/** An edit within the edit window: response.updated, plus the side event when the score changes side. */
export async function editResponse(ctx: TestContext, place: Place, responseId: string, score: number) {
  await ctx.prisma.$transaction(async (tx) => {
    const before = await tx.response.update({ where: { id: responseId }, data: {} });
    await tx.response.update({ where: { id: responseId }, data: { score } });
    const side = sideEvent(place.metric, score);
    const changedSide = side && side !== sideEvent(place.metric, before.score);
    await ctx.app.get(OutboxRepository).add(tx, [
      { topic: 'response.updated', workspaceId: place.workspaceId, data: { responseId } },
      ...(changedSide ? [{ topic: side, workspaceId: place.workspaceId, data: { responseId } }] : []),
    ]);
  });
  ctx.app.get(OutboxRelayService).flushSoon();
}

/** Dashboard users, as issue 7's user service creates them (tests insert them directly). */
export async function addUser(ctx: TestContext, email: string, role: 'admin' | 'manager' | 'viewer', options: { workspaceId?: string; notifyOnCase?: boolean } = {}) {
  return ctx.prisma.user.create({
    data: { workspaceId: options.workspaceId ?? ctx.workspaceId, email, name: email.split('@')[0], role, passwordHash: 'x', notifyOnCase: options.notifyOnCase ?? true },
  });
}

export async function outboxTopicsFor(ctx: TestContext, key: string, value: string): Promise<string[]> {
  const rows = await ctx.prisma.outboxEvent.findMany({ where: { payload: { path: [key], equals: value } }, orderBy: { seq: 'asc' } });
  return rows.map((row) => row.topic);
}
