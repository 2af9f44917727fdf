// Builds journeys and writes responses through the product: new answers go
// through the response recorder (widget path, or the survey link when an
// invitation is given) with the Clock placed at the answer's time; edits go
// through the edit-by-id writer. Nothing here knows how rollups are kept.
import { DelightedResponseWriter } from '@cairn/delighted';
import { InvitationTokenRepository } from '@cairn/invitations';
import type { Metric } from '@cairn/scoring';
import { ResponseRecorderService } from '@cairn/responses';
import type { TestContext } from './utils/test-app';
import { atInstant } from './utils/test-clock';

export interface Tp {
  id: string;
  stageId: string;
  journeyId: string;
  metric: Metric;
}

let seq = 0;

/** A journey with one stage per entry of `stages`, each holding touchpoints of the given metrics (with surveys). */
export async function createJourney(ctx: TestContext, stages: Metric[][], key?: string) {
  const tag = `${Date.now().toString(36)}${seq++}`;
  const journey = (
    await ctx
      .api('post', '/api/v1/journeys', key)
      .send({ name: `J ${tag}`, stages: stages.map((_, i) => ({ name: `Stage ${i}` })) })
      .expect(201)
  ).body;
  const tps: Tp[][] = [];
  for (const [i, metrics] of stages.entries()) {
    const stageId = journey.stages[i].id;
    tps.push([]);
    for (const [j, metric] of metrics.entries()) {
      const tp = (
        await ctx
          .api('post', '/api/v1/touchpoints', key)
          .send({ stageId, name: `TP ${i}.${j}`, key: `tp-${tag}-${i}-${j}`, channel: 'web' })
          .expect(201)
      ).body;
      await ctx
        .api('post', '/api/v1/surveys', key)
        .send({ touchpointId: tp.id, metric, trigger: { event: `e.${tag}` } })
        .expect(201);
      tps[i].push({ id: tp.id, stageId, journeyId: journey.id, metric });
    }
  }
  return { journeyId: journey.id as string, stageIds: journey.stages.map((s: { id: string }) => s.id) as string[], tps };
}

export interface ResponseInput {
  score: number;
  at: Date | string;
  properties?: Record<string, unknown>;
  personId?: string | null;
  invitationId?: string;
  comment?: string | null;
}

const workspaceOf = new Map<string, string>();

async function workspaceIdOf(ctx: TestContext, tp: Tp): Promise<string> {
  let id = workspaceOf.get(tp.id);
  if (!id) {
    id = (await ctx.prisma.touchpoint.findUniqueOrThrow({ where: { id: tp.id } })).workspaceId;
    workspaceOf.set(tp.id, id);
  }
  return id;
}

/** One answer at `input.at`, recorded by ResponseRecorderService as a widget answer, or through the survey link of `invitationId`. */
export async function addResponse(ctx: TestContext, tp: Tp, input: ResponseInput): Promise<string> {
  const recorder = ctx.app.get(ResponseRecorderService);
  const answer = { score: input.score, comment: input.comment ?? null };
  const at = new Date(input.at);
  if (input.invitationId) {
    const token = await ctx.app.get(InvitationTokenRepository).issue(input.invitationId, 'response');
    return (await atInstant(ctx.app, at, () => recorder.answerInvitation(token, answer))).response.id;
  }
  const target = {
    workspaceId: await workspaceIdOf(ctx, tp),
    surveyId: null,
    personId: input.personId ?? null,
    touchpointId: tp.id,
    stageId: tp.stageId,
    journeyId: tp.journeyId,
    metric: tp.metric,
    locale: null,
    source: 'api' as const,
    personProperties: input.properties ?? {},
  };
  return (await atInstant(ctx.app, at, () => recorder.answerDirect(target, answer))).id;
}

/** { score: count } at one instant; a few answers at a time, each its own transaction as in production. */
export async function addCounts(ctx: TestContext, tp: Tp, counts: Record<number, number>, at: Date | string): Promise<void> {
  const scores = Object.entries(counts).flatMap(([score, count]) => Array<number>(count).fill(Number(score)));
  for (let i = 0; i < scores.length; i += BATCH) {
    await Promise.all(scores.slice(i, i + BATCH).map((score) => addResponse(ctx, tp, { score, at })));
  }
}
const BATCH = 8;

/** A changed score, through the product's edit-by-id path (the Delighted API's update). */
export async function editResponse(ctx: TestContext, id: string, score: number): Promise<void> {
  const { workspaceId } = await ctx.prisma.response.findUniqueOrThrow({ where: { id }, select: { workspaceId: true } });
  await ctx.app.get(DelightedResponseWriter).update(workspaceId, id, { score });
}

/** GET /api/v1/scores with the given query, expecting `status`. */
export async function scores(ctx: TestContext, query: Record<string, string | string[]>, status = 200, key?: string) {
  const res = await ctx.api('get', '/api/v1/scores', key).query(query);
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
