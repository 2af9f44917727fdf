import { ApiKeyService } from '@cairn/auth';
import { startTestApi, TestContext } from './utils/test-app';

// Issue 20, point 4: the dashboard reorders the journey map with two endpoints
// that take whole orders, so a drag can never drop, duplicate or gap a position.
describe('journey map ordering API', () => {
  let ctx: TestContext;
  let viewerKey: string;
  let managerKey: string;

  beforeAll(async () => {
    ctx = await startTestApi();
    const keys = ctx.app.get(ApiKeyService);
    viewerKey = (await keys.create(ctx.workspaceId, 'viewer', 'viewer')).key;
    managerKey = (await keys.create(ctx.workspaceId, 'manager', 'manager')).key;
  });
  afterAll(() => ctx.close());

  interface Tp {
    id: string;
    key: string;
    position: number;
    stageId: string;
  }
  interface Stage {
    id: string;
    name: string;
    position: number;
    touchpoints: Tp[];
  }

  let counter = 0;
  /** A journey with stages named as given, each with that many touchpoints (keys s<stage>t<i>-<n>). */
  async function journeyWith(layout: Record<string, number>): Promise<{ id: string; stages: Stage[] }> {
    const names = Object.keys(layout);
    const journey = (
      await ctx
        .api('post', '/api/v1/journeys')
        .send({ name: `J${++counter}`, stages: names.map((name) => ({ name })) })
        .expect(201)
    ).body;
    for (const stage of journey.stages) {
      for (let i = 0; i < layout[stage.name]; i++) {
        await ctx
          .api('post', '/api/v1/touchpoints')
          .send({ stageId: stage.id, name: `${stage.name}${i}`, key: `${stage.name.toLowerCase()}${i}-${counter}`, channel: 'web' })
          .expect(201);
      }
    }
    return { id: journey.id, stages: await stagesOf(journey.id) };
  }

  async function stagesOf(journeyId: string): Promise<Stage[]> {
    return (await ctx.api('get', `/api/v1/journeys/${journeyId}`).expect(200)).body.stages;
  }

  /** Stage names in order with their touchpoints' names, read from the database rows' positions. */
  async function layoutOf(journeyId: string): Promise<string[][]> {
    const stages = await ctx.prisma.stage.findMany({
      where: { journeyId },
      orderBy: { position: 'asc' },
      include: { touchpoints: { orderBy: { position: 'asc' } } },
    });
    return stages.map((s) => [s.name, ...s.touchpoints.map((t) => t.name)]);
  }

  /** Every stage at 0…n−1 and every stage's touchpoints at 0…k−1, each touchpoint once. */
  async function expectDense(journeyId: string, touchpointCount: number): Promise<void> {
    const stages = await ctx.prisma.stage.findMany({ where: { journeyId }, include: { touchpoints: true } });
    expect(stages.map((s) => s.position).sort((a, b) => a - b)).toEqual(stages.map((_, i) => i));
    for (const stage of stages) {
      expect(stage.touchpoints.map((t) => t.position).sort((a, b) => a - b)).toEqual(stage.touchpoints.map((_, i) => i));
    }
    expect(stages.flatMap((s) => s.touchpoints).length).toBe(touchpointCount);
  }

  it('reorders stages with the whole order and answers the journey in the new order', async () => {
    const j = await journeyWith({ A: 1, B: 0, C: 2 });
    const [a, b, c] = j.stages;
    const res = await ctx
      .api('put', `/api/v1/journeys/${j.id}/stage-order`, managerKey)
      .send({ stageIds: [c.id, a.id, b.id] })
      .expect(200);
    expect(res.body.stages.map((s: Stage) => [s.name, s.position, s.touchpoints.length])).toEqual([
      ['C', 0, 2],
      ['A', 1, 1],
      ['B', 2, 0],
    ]);
    expect(await layoutOf(j.id)).toEqual([['C', 'C0', 'C1'], ['A', 'A0'], ['B']]);
  });

  it('reorders touchpoints in a stage and moves one across stages, closing the gap it leaves', async () => {
    const j = await journeyWith({ A: 3, B: 2 });
    const [a, b] = j.stages;
    const [a0, a1, a2] = a.touchpoints;
    await ctx
      .api('put', `/api/v1/stages/${a.id}/touchpoint-order`, managerKey)
      .send({ touchpointIds: [a2.id, a0.id, a1.id] })
      .expect(200);
    expect(await layoutOf(j.id)).toEqual([
      ['A', 'A2', 'A0', 'A1'],
      ['B', 'B0', 'B1'],
    ]);
    // Drag A0 between B0 and B1.
    const res = await ctx
      .api('put', `/api/v1/stages/${b.id}/touchpoint-order`, managerKey)
      .send({ touchpointIds: [b.touchpoints[0].id, a0.id, b.touchpoints[1].id] })
      .expect(200);
    expect(res.body.stages[1].touchpoints.map((t: Tp) => [t.key.split('-')[0], t.position, t.stageId])).toEqual([
      ['b0', 0, b.id],
      ['a0', 1, b.id],
      ['b1', 2, b.id],
    ]);
    expect(await layoutOf(j.id)).toEqual([
      ['A', 'A2', 'A1'],
      ['B', 'B0', 'A0', 'B1'],
    ]);
    await expectDense(j.id, 5);
    // Emptying a stage by moving its last touchpoints out is allowed; the empty stage can then be deleted.
    await ctx
      .api('put', `/api/v1/stages/${b.id}/touchpoint-order`, managerKey)
      .send({ touchpointIds: [a2.id, a1.id, b.touchpoints[0].id, a0.id, b.touchpoints[1].id] })
      .expect(200);
    await ctx.api('delete', `/api/v1/stages/${a.id}`, managerKey).expect(204);
    expect(await layoutOf(j.id)).toEqual([['B', 'A2', 'A1', 'B0', 'A0', 'B1']]);
  });

  it('refuses viewers (403) and lets managers and admins reorder', async () => {
    const j = await journeyWith({ A: 2, B: 0 });
    const [a, b] = j.stages;
    const order = { stageIds: [b.id, a.id] };
    const refused = await ctx.api('put', `/api/v1/journeys/${j.id}/stage-order`, viewerKey).send(order).expect(403);
    expect(refused.body.message).toContain('manager');
    await ctx
      .api('put', `/api/v1/stages/${a.id}/touchpoint-order`, viewerKey)
      .send({ touchpointIds: a.touchpoints.map((t) => t.id).reverse() })
      .expect(403);
    await ctx.http().put(`/api/v1/journeys/${j.id}/stage-order`).send(order).expect(401);
    expect(await layoutOf(j.id)).toEqual([['A', 'A0', 'A1'], ['B']]);
    await ctx.api('put', `/api/v1/journeys/${j.id}/stage-order`).send(order).expect(200);
    expect(await layoutOf(j.id)).toEqual([['B'], ['A', 'A0', 'A1']]);
  });

  it('answers bad input with 4xx and changes nothing', async () => {
    const j = await journeyWith({ A: 2, B: 1 });
    const [a, b] = j.stages;
    const other = await journeyWith({ X: 1 });
    const before = await layoutOf(j.id);
    const put = (path: string, body: unknown) => ctx.api('put', path, managerKey).send(body as object);
    const stageOrder = `/api/v1/journeys/${j.id}/stage-order`;
    await put(stageOrder, {}).expect(400);
    await put(stageOrder, { stageIds: 'a,b' }).expect(400);
    await put(stageOrder, { stageIds: [] }).expect(400);
    await put(stageOrder, { stageIds: ['not-a-uuid', b.id] }).expect(400);
    await put(stageOrder, { stageIds: [a.id, a.id] }).expect(400);
    await put(stageOrder, { stageIds: [a.id, b.id], extra: 1 }).expect(400);
    // A stale page: a stage missing, or one that is not (or no longer) in the journey.
    expect((await put(stageOrder, { stageIds: [a.id] }).expect(409)).body.message).toContain('reload');
    await put(stageOrder, { stageIds: [a.id, other.stages[0].id] }).expect(409);
    await put(stageOrder, { stageIds: [a.id, b.id, other.stages[0].id] }).expect(409);
    await put('/api/v1/journeys/nope/stage-order', { stageIds: [a.id, b.id] }).expect(400);
    await put(`/api/v1/journeys/${other.stages[0].id}/stage-order`, { stageIds: [a.id, b.id] }).expect(404);

    const tpOrder = `/api/v1/stages/${a.id}/touchpoint-order`;
    const [a0, a1] = a.touchpoints;
    await put(tpOrder, { touchpointIds: [a0.id, 42] }).expect(400);
    await put(tpOrder, { touchpointIds: [a0.id, a0.id, a1.id] }).expect(400);
    expect((await put(tpOrder, { touchpointIds: [a1.id] }).expect(409)).body.message).toContain('reload');
    const foreign = await put(tpOrder, { touchpointIds: [a1.id, a0.id, other.stages[0].touchpoints[0].id] }).expect(422);
    expect(foreign.body.message).toContain(other.stages[0].touchpoints[0].id);
    await put(`/api/v1/stages/${j.id}/touchpoint-order`, { touchpointIds: [] }).expect(404);
    expect(await layoutOf(j.id)).toEqual(before);
    expect(await layoutOf(other.id)).toEqual([['X', 'X0']]);
  });

  it('keeps workspaces apart: another workspace can neither reorder this journey nor take its touchpoints', async () => {
    const j = await journeyWith({ A: 2, B: 0 });
    const [a, b] = j.stages;
    const other = await ctx.createWorkspace(`order-${Date.now()}`);
    const theirs = (
      await ctx
        .api('post', '/api/v1/journeys', other.apiKey)
        .send({ name: 'Theirs', stages: [{ name: 'T' }] })
        .expect(201)
    ).body;
    await ctx
      .api('put', `/api/v1/journeys/${j.id}/stage-order`, other.apiKey)
      .send({ stageIds: [b.id, a.id] })
      .expect(404);
    await ctx
      .api('put', `/api/v1/stages/${a.id}/touchpoint-order`, other.apiKey)
      .send({ touchpointIds: a.touchpoints.map((t) => t.id).reverse() })
      .expect(404);
    // Pulling our touchpoint into their stage names something that is not theirs.
    await ctx
      .api('put', `/api/v1/stages/${theirs.stages[0].id}/touchpoint-order`, other.apiKey)
      .send({ touchpointIds: [a.touchpoints[0].id] })
      .expect(422);
    // Nor can we pull theirs into ours.
    await ctx
      .api('put', `/api/v1/journeys/${j.id}/stage-order`)
      .send({ stageIds: [a.id, theirs.stages[0].id] })
      .expect(409);
    expect(await layoutOf(j.id)).toEqual([['A', 'A0', 'A1'], ['B']]);
    expect(await layoutOf(theirs.id)).toEqual([['T']]);
  });

  it('moves a touchpoint with PATCH stageId/position the same way: the others move along, both stages stay dense', async () => {
    const j = await journeyWith({ A: 3, B: 2 });
    const [a, b] = j.stages;
    const [a0, a1, a2] = a.touchpoints;
    const moved = await ctx.api('patch', `/api/v1/touchpoints/${a2.id}`, managerKey).send({ position: 0 }).expect(200);
    expect(moved.body).toMatchObject({ stageId: a.id, position: 0 });
    expect(await layoutOf(j.id)).toEqual([
      ['A', 'A2', 'A0', 'A1'],
      ['B', 'B0', 'B1'],
    ]);
    // To another stage without a position: its end; with one: that place.
    await ctx.api('patch', `/api/v1/touchpoints/${a0.id}`, managerKey).send({ stageId: b.id }).expect(200);
    await ctx.api('patch', `/api/v1/touchpoints/${a1.id}`, managerKey).send({ stageId: b.id, position: 1, name: 'A1 renamed' }).expect(200);
    expect(await layoutOf(j.id)).toEqual([
      ['A', 'A2'],
      ['B', 'B0', 'A1 renamed', 'B1', 'A0'],
    ]);
    await ctx.api('patch', `/api/v1/touchpoints/${a1.id}`, managerKey).send({ position: 99 }).expect(200);
    expect(await layoutOf(j.id)).toEqual([
      ['A', 'A2'],
      ['B', 'B0', 'B1', 'A0', 'A1 renamed'],
    ]);
    await expectDense(j.id, 5);
    // Many at once, in both directions: still every touchpoint once, positions dense.
    const all = [...a.touchpoints, ...b.touchpoints];
    const statuses = await Promise.all(
      all.flatMap((tp, i) => [
        ctx.api('patch', `/api/v1/touchpoints/${tp.id}`, managerKey).send({ stageId: [a, b][i % 2].id, position: i % 3 }),
        ctx.api('patch', `/api/v1/touchpoints/${tp.id}`, managerKey).send({ position: (i + 1) % 2 }),
      ]),
    );
    expect(statuses.map((r) => r.status)).toEqual(statuses.map(() => 200));
    await expectDense(j.id, 5);
  });

  it('applies concurrent stage reorders one after the other: the result is one of the requested orders, positions dense', async () => {
    const j = await journeyWith({ A: 0, B: 0, C: 0, D: 0, E: 0 });
    const ids = j.stages.map((s) => s.id);
    const orders = Array.from({ length: 12 }, (_, i) => rotate(ids, i % ids.length).reverse());
    const results = await Promise.all(
      orders.map((stageIds) => ctx.api('put', `/api/v1/journeys/${j.id}/stage-order`, managerKey).send({ stageIds })),
    );
    expect(results.map((r) => r.status)).toEqual(orders.map(() => 200));
    const final = (await stagesOf(j.id)).map((s) => s.id);
    expect(orders.map((o) => o.join())).toContain(final.join());
    await expectDense(j.id, 0);
  });

  it('applies concurrent touchpoint moves between stages without losing, duplicating or gapping a touchpoint', async () => {
    const j = await journeyWith({ A: 4, B: 4, C: 2 });
    const all = j.stages.flatMap((s) => s.touchpoints.map((t) => t.id));
    // Each request puts a random selection of the journey's touchpoints into one stage, built from the
    // first read (as pages open at the same time would): applied in any order, each one stays consistent.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const requests = Array.from({ length: 16 }, (_, i) => {
      const stage = j.stages[i % 3];
      const own = stage.touchpoints.map((t) => t.id);
      const borrowed = all.filter((id) => !own.includes(id) && random() < 0.3);
      const touchpointIds = [...own, ...borrowed].sort(() => random() - 0.5);
      return ctx.api('put', `/api/v1/stages/${stage.id}/touchpoint-order`, managerKey).send({ touchpointIds });
    });
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    // A request whose stage lost a touchpoint to an earlier one is stale (409); the others apply.
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(statuses).toContain(200);
    await expectDense(j.id, all.length);
    const final = (await stagesOf(j.id)).flatMap((s) => s.touchpoints.map((t) => t.id));
    expect([...final].sort()).toEqual([...all].sort());
  });
});

function rotate<T>(list: T[], by: number): T[] {
  return [...list.slice(by), ...list.slice(0, by)];
}
