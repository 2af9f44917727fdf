import { randomBytes } from 'node:crypto';
import { InvitationTokenRepository } from '@cairn/invitations';
import { ResponseRecorderService } from '@cairn/responses';
import { UserService } from '@cairn/users';
import type { TestContext } from './utils/test-app';
import { atInstant } from './utils/test-clock';

type Metric = 'nps' | 'csat' | 'ces';

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

/** The survey link of each response recorded here, so an edit goes through the same link. */
const links = new Map<string, { token: string; answeredAt: Date | null }>();

/**
 * A customer answers through the survey link of an invitation sent to
 * `place.person`: the real recorder writes the row, its rollups and its domain
 * events, then flushes the outbox. `createdAt` places the answer in the past.
 */
export async function recordResponse(ctx: TestContext, place: Place, score: number, options: { createdAt?: Date; comment?: string } = {}) {
  const [response] = await recordResponses(ctx, place, [score], options);
  return response;
}

/** Several answers, a few at a time (each its own transaction, as in production). */
export async function recordResponses(
  ctx: TestContext,
  place: Place,
  scores: number[],
  options: { createdAt?: Date; comment?: string } = {},
) {
  const rows = [];
  for (let i = 0; i < scores.length; i += BATCH) {
    rows.push(...(await Promise.all(scores.slice(i, i + BATCH).map((score) => answerThroughLink(ctx, place, score, options)))));
  }
  return rows;
}
// Answers in flight at once: fast on a busy machine, well inside the API's pool of 20 connections.
const BATCH = 12;

async function answerThroughLink(ctx: TestContext, place: Place, score: number, options: { createdAt?: Date; comment?: string }) {
  const sentAt = options.createdAt ?? new Date();
  // The invitation as distribution leaves it once the email went out.
  const invitation = await ctx.prisma.invitation.create({
    data: {
      workspaceId: place.workspaceId,
      surveyId: place.survey.id,
      personId: place.person.id,
      status: 'sent',
      scheduledFor: sentAt,
      sentAt,
      expiresAt: new Date(sentAt.getTime() + 30 * 86_400_000),
    },
  });
  const token = await ctx.app.get(InvitationTokenRepository).issue(invitation.id, 'response');
  const answer = () => ctx.app.get(ResponseRecorderService).answerInvitation(token, { score, comment: options.comment ?? null });
  const { response } = options.createdAt ? await atInstant(ctx.app, options.createdAt, answer) : await answer();
  links.set(response.id, { token, answeredAt: options.createdAt ?? null });
  return response;
}

/** An edit within the edit window, through the same survey link (the recorder decides which events it announces). */
export async function editResponse(ctx: TestContext, _place: Place, responseId: string, score: number) {
  const link = links.get(responseId);
  if (!link) throw new Error(`response ${responseId} was not recorded by closed-loop.fixtures`);
  const edit = () => ctx.app.get(ResponseRecorderService).answerInvitation(link.token, { score });
  // An answer placed in the past is edited a moment after it was given, inside its window.
  if (link.answeredAt) await atInstant(ctx.app, new Date(link.answeredAt.getTime() + 1000), edit);
  else await edit();
}

/** Dashboard users, created by the user service (a real argon2id hash of a throw-away password). */
export async function addUser(
  ctx: TestContext,
  email: string,
  role: 'admin' | 'manager' | 'viewer',
  options: { workspaceId?: string; notifyOnCase?: boolean } = {},
) {
  const users = ctx.app.get(UserService);
  const workspaceId = options.workspaceId ?? ctx.workspaceId;
  const user = await users.create(workspaceId, { email, name: email.split('@')[0], role, password: randomBytes(12).toString('base64url') });
  if (options.notifyOnCase === false) await users.update(workspaceId, user.id, { notifyOnCase: false });
  return user;
}

export async function outboxTopicsFor(ctx: TestContext, key: string, value: string): Promise<string[]> {
  const rows = await ctx.prisma.outboxEvent.findMany({ where: { payload: { path: [key], equals: value } }, orderBy: { seq: 'asc' } });
  return rows.map((row) => row.topic);
}
