// Builds journeys and writes responses the way the response service does:
// the row and its rollup change in one transaction (issue 4's contract).
import { SCALES, type Metric } from '../libs/scoring';
import { RollupRepository } from '../libs/scoring/rollup.repository';
import type { TestContext } from './utils/test-app';

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
  const journey = (await ctx.api('post', '/api/v1/journeys', key)
    .send({ name: `J ${tag}`, stages: stages.map((_, i) => ({ name: `Stage ${i}` })) }).expect(201)).body;
  const tps: Tp[][] = [];
  for (const [i, metrics] of stages.entries()) {
    const stageId = journey.stages[i].id;
    tps.push([]);
    for (const [j, metric] of metrics.entries()) {
      const tp = (await ctx.api('post', '/api/v1/touchpoints', key)
        .send({ stageId, name: `TP ${i}.${j}`, key: `tp-${tag}-${i}-${j}`, channel: 'web' }).expect(201)).body;
      await ctx.api('post', '/api/v1/surveys', key).send({ touchpointId: tp.id, metric, trigger: { event: `e.${tag}` } }).expect(201);
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

export async function addResponse(ctx: TestContext, tp: Tp, input: ResponseInput): Promise<string> {
  const rollups = new RollupRepository(ctx.prisma);
  const at = new Date(input.at);
  const workspaceId = (await ctx.prisma.touchpoint.findUniqueOrThrow({ where: { id: tp.id } })).workspaceId;
  return ctx.prisma.$transaction(async (tx) => {
    const row = await tx.response.create({
      data: {
        workspaceId, touchpointId: tp.id, stageId: tp.stageId, journeyId: tp.journeyId, metric: tp.metric,
        scaleMin: SCALES[tp.metric].min, scaleMax: SCALES[tp.metric].max, score: input.score, source: 'api',
        personProperties: (input.properties ?? {}) as object, personId: input.personId ?? null,
        invitationId: input.invitationId, comment: input.comment ?? null, createdAt: at, updatedAt: at,
      },
    });
    await rollups.apply(tx, { touchpointId: tp.id, metric: tp.metric, at, from: null, to: input.score });
    return row.id;
  });
}

/** { score: count } at one instant. */
export async function addCounts(ctx: TestContext, tp: Tp, counts: Record<number, number>, at: Date | string): Promise<void> {
  for (const [score, count] of Object.entries(counts)) {
    for (let i = 0; i < count; i++) await addResponse(ctx, tp, { score: Number(score), at });
  }
}

export async function editResponse(ctx: TestContext, id: string, score: number): Promise<void> {
  const rollups = new RollupRepository(ctx.prisma);
  await ctx.prisma.$transaction(async (tx) => {
    const [old] = await tx.$queryRaw<Array<{ score: number }>>`SELECT score FROM responses WHERE id = ${id} FOR UPDATE`;
    const row = await tx.response.update({ where: { id }, data: { score } });
    await rollups.apply(tx, { touchpointId: row.touchpointId, metric: row.metric, at: row.createdAt, from: old.score, to: score });
  });
}

/** GET /api/v1/scores with the given query, expecting `status`. */
export async function scores(ctx: TestContext, query: Record<string, string | string[]>, status = 200, key?: string) {
  const res = await ctx.api('get', '/api/v1/scores', key).query(query);
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
