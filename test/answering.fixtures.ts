import { randomBytes } from 'node:crypto';
import { InvitationTokenRepository } from '@cairn/invitations';
import { RollupRepository } from '@cairn/scoring';
import type { TestContext } from './utils/test-app';

export interface SeedOptions {
  workspaceId?: string;
  metric?: 'nps' | 'csat' | 'ces';
  locale?: string | null;
  status?: 'sent' | 'responded' | 'expired' | 'cancelled' | 'scheduled';
  expiresAt?: Date;
  personName?: string;
  personProperties?: Record<string, unknown>;
  touchpointName?: string;
  question?: Record<string, string>;
}

export type Seeded = Awaited<ReturnType<typeof seedInvitation>>;

/** A journey → stage → touchpoint → survey, a person and a sent invitation with both tokens, as distribution leaves them. */
export async function seedInvitation(ctx: TestContext, options: SeedOptions = {}) {
  const workspaceId = options.workspaceId ?? ctx.workspaceId;
  const suffix = randomBytes(4).toString('hex');
  const journey = await ctx.prisma.journey.create({ data: { workspaceId, name: `Journey ${suffix}` } });
  const stage = await ctx.prisma.stage.create({ data: { workspaceId, journeyId: journey.id, name: 'Delivery', position: 0 } });
  const touchpoint = await ctx.prisma.touchpoint.create({
    data: {
      workspaceId,
      journeyId: journey.id,
      stageId: stage.id,
      name: options.touchpointName ?? 'Home delivery',
      key: `tp-${suffix}`,
      channel: 'delivery',
    },
  });
  const survey = await ctx.prisma.survey.create({
    data: {
      workspaceId,
      touchpointId: touchpoint.id,
      metric: options.metric ?? 'nps',
      triggerEvent: 'order.delivered',
      question: options.question,
    },
  });
  const person = await ctx.prisma.person.create({
    data: {
      workspaceId,
      email: `person-${suffix}@example.com`,
      name: options.personName ?? 'Alva',
      locale: options.locale === undefined ? 'sv-SE' : options.locale,
      properties: (options.personProperties ?? { plan: 'pro', region: 'nordics' }) as object,
    },
  });
  const now = Date.now();
  const invitation = await ctx.prisma.invitation.create({
    data: {
      workspaceId,
      surveyId: survey.id,
      personId: person.id,
      status: options.status ?? 'sent',
      scheduledFor: new Date(now - 60_000),
      sentAt: new Date(now - 30_000),
      expiresAt: options.expiresAt ?? new Date(now + 30 * 86_400_000),
    },
  });
  const tokens = ctx.app.get(InvitationTokenRepository);
  const responseToken = await tokens.issue(invitation.id, 'response');
  const unsubscribeToken = await tokens.issue(invitation.id, 'unsubscribe');
  return { workspaceId, journey, stage, touchpoint, survey, person, invitation, responseToken, unsubscribeToken };
}

export async function responsesOf(ctx: TestContext, invitationId: string) {
  return ctx.prisma.response.findMany({ where: { invitationId } });
}

export async function outboxTopics(ctx: TestContext, responseId: string): Promise<string[]> {
  const rows = await ctx.prisma.outboxEvent.findMany({
    where: { payload: { path: ['responseId'], equals: responseId } },
    orderBy: { seq: 'asc' },
  });
  return rows.map((row) => row.topic);
}

/** The rollup count of one touchpoint once its pending deltas are folded, to compare against a recount of the raw responses. */
export async function rollupCounts(ctx: TestContext, touchpointId: string): Promise<Record<number, number>> {
  await ctx.app.get(RollupRepository).foldAll();
  const rows = await ctx.prisma.scoreRollup.findMany({ where: { touchpointId } });
  const counts: Record<number, number> = {};
  for (const row of rows) if (row.count) counts[row.score] = (counts[row.score] ?? 0) + row.count;
  return counts;
}

export async function recount(ctx: TestContext, touchpointId: string): Promise<Record<number, number>> {
  const rows = await ctx.prisma.response.groupBy({ by: ['score'], where: { touchpointId }, _count: true });
  return Object.fromEntries(rows.map((row) => [row.score, row._count]));
}
