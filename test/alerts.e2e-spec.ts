import { ApiKeyService } from '@cairn/auth';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobRepository, QueueName } from '@cairn/jobs';
import { OutboxRelayService, OutboxRepository } from '@cairn/outbox';
import { editResponse, outboxTopicsFor, Place, recordResponse, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

describe('detractor alerts', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let place: Place;

  beforeAll(async () => {
    ctx = await startTestApi();
    worker = await startTestWorker(ctx.config);
    place = await seedPlace(ctx);
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
  });

  /** Waits until every event so far went through the worker (all subscribers ran). */
  async function settled(): Promise<void> {
    await ctx.app.get(OutboxRelayService).idle();
    await waitFor(
      async () => {
        if (await ctx.app.get(OutboxRepository).countPending()) return false;
        const counts = await ctx.app
          .get(JobRepository)
          .getQueue(QueueName.Events)
          .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0);
      },
      15_000,
      'events dispatched',
    );
  }

  it('every workspace starts with the default rule NPS ≤ 6, CSAT ≤ 2, CES ≤ 3', async () => {
    const other = await ctx.createWorkspace('fresh');
    const res = await ctx.api('get', '/api/v1/alert-rules', other.apiKey).expect(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({
        kind: 'response',
        isDefault: true,
        enabled: true,
        metric: null,
        thresholds: { nps: 6, csat: 2, ces: 3 },
        touchpointIds: [],
      }),
    ]);
  });

  it('a detractor answer raises one alert and opens one case; an edit up and back down adds neither', async () => {
    const response = await recordResponse(ctx, place, 4);
    const kase = await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: response.id } }), 15_000, 'case');
    expect(kase).toMatchObject({ status: 'open', personId: place.person.id, touchpointId: place.touchpoint.id });
    const alerts = await ctx.prisma.alert.findMany({ where: { responseId: response.id } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'response', value: 4, id: kase.alertId });

    await editResponse(ctx, place, response.id, 9);
    await editResponse(ctx, place, response.id, 2);
    await settled();
    expect(await ctx.prisma.alert.count({ where: { responseId: response.id } })).toBe(1);
    expect(await ctx.prisma.case.count({ where: { responseId: response.id } })).toBe(1);
    const alertEvents = await outboxTopicsFor(ctx, 'responseId', response.id);
    expect(alertEvents.filter((t) => t === 'alert.triggered')).toHaveLength(1);
    expect(alertEvents.filter((t) => t === 'case.opened')).toHaveLength(1);
  });

  it('an answer above every threshold raises nothing', async () => {
    const response = await recordResponse(ctx, place, 7);
    await settled();
    expect(await ctx.prisma.alert.count({ where: { responseId: response.id } })).toBe(0);
    expect(await ctx.prisma.case.count({ where: { responseId: response.id } })).toBe(0);
  });

  it('a promoter who edits down to a detractor gets an alert and a case then', async () => {
    const response = await recordResponse(ctx, place, 10);
    await settled();
    expect(await ctx.prisma.case.count({ where: { responseId: response.id } })).toBe(0);
    await editResponse(ctx, place, response.id, 1);
    await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: response.id } }), 15_000, 'case after edit');
  });

  it('custom response rules: their own threshold and only their touchpoints; one case however many rules fire', async () => {
    const elsewhere = await seedPlace(ctx);
    const rule = await ctx
      .api('post', '/api/v1/alert-rules')
      .send({ name: 'Checkout passives', kind: 'response', metric: 'nps', scoreAtMost: 8, touchpointId: place.touchpoint.id })
      .expect(201);
    expect(rule.body).toMatchObject({
      kind: 'response',
      metric: 'nps',
      scoreAtMost: 8,
      touchpointIds: [place.touchpoint.id],
      enabled: true,
    });
    const passive = await recordResponse(ctx, place, 8);
    const notHere = await recordResponse(ctx, elsewhere, 8);
    const both = await recordResponse(ctx, place, 3);
    await settled();
    expect(await ctx.prisma.alert.findMany({ where: { responseId: passive.id }, select: { ruleId: true } })).toEqual([
      { ruleId: rule.body.id },
    ]);
    expect(await ctx.prisma.alert.count({ where: { responseId: notHere.id } })).toBe(0);
    expect(await ctx.prisma.alert.count({ where: { responseId: both.id } })).toBe(2);
    expect(await ctx.prisma.case.count({ where: { responseId: both.id } })).toBe(1);
    const listed = await ctx.api('get', `/api/v1/alert-rules/${rule.body.id}/alerts`).expect(200);
    expect(listed.body.data.map((a: { responseId: string }) => a.responseId).sort()).toEqual([both.id, passive.id].sort());
    await ctx.api('delete', `/api/v1/alert-rules/${rule.body.id}`).expect(204);
  });

  it('a disabled default rule alerts on nothing; thresholds can be changed', async () => {
    const rules = (await ctx.api('get', '/api/v1/alert-rules').expect(200)).body.data;
    const def = rules.find((r: { isDefault: boolean }) => r.isDefault);
    await ctx.api('delete', `/api/v1/alert-rules/${def.id}`).expect(409);
    const patched = await ctx
      .api('patch', `/api/v1/alert-rules/${def.id}`)
      .send({ thresholds: { nps: 3 } })
      .expect(200);
    expect(patched.body.thresholds).toEqual({ nps: 3, csat: 2, ces: 3 });
    const four = await recordResponse(ctx, place, 4);
    await ctx.api('patch', `/api/v1/alert-rules/${def.id}`).send({ enabled: false }).expect(200);
    const zero = await recordResponse(ctx, place, 0);
    await settled();
    expect(await ctx.prisma.alert.count({ where: { responseId: { in: [four.id, zero.id] } } })).toBe(0);
    await ctx
      .api('patch', `/api/v1/alert-rules/${def.id}`)
      .send({ enabled: true, thresholds: { nps: 6 } })
      .expect(200);
  });

  it('refuses bad rules with a clear 400/404 and stores nothing', async () => {
    const before = await ctx.prisma.alertRule.count();
    const bad: Array<[object, number, RegExp]> = [
      [{ name: 'x', kind: 'response', metric: 'nps', scoreAtMost: 11 }, 400, /scale 0–10/],
      [{ name: 'x', kind: 'response', metric: 'csat', scoreAtMost: 0 }, 400, /scale 1–5/],
      [{ name: 'x', kind: 'response', metric: 'nps' }, 400, /scoreAtMost is required/],
      [{ name: 'x', kind: 'response', metric: 'nps', scoreAtMost: 6, below: 3 }, 400, /do not apply/],
      [{ name: 'x', kind: 'score_drop', metric: 'nps', below: 0 }, 400, /exactly one/],
      [
        { name: 'x', kind: 'score_drop', metric: 'nps', touchpointId: place.touchpoint.id, stageId: place.stage.id, below: 0 },
        400,
        /exactly one/,
      ],
      [{ name: 'x', kind: 'score_drop', metric: 'nps', touchpointId: place.touchpoint.id }, 400, /below is required/],
      [{ name: 'x', kind: 'score_drop', metric: 'ces', touchpointId: place.touchpoint.id, below: 9 }, 400, /between 1 and 7/],
      [{ name: 'x', kind: 'score_drop', metric: 'nps', touchpointId: place.touchpoint.id, below: 0, windowDays: 0 }, 400, /windowDays/],
      [{ name: 'x', kind: 'score_drop', metric: 'nps', touchpointId: 'nope', below: 0 }, 404, /Touchpoint not found/],
      [{ name: 'x', kind: 'score_drop', metric: 'nps', stageId: 'nope', below: 0 }, 404, /Stage not found/],
      [{ name: 'x', kind: 'sometimes', metric: 'nps' }, 400, /kind/],
      [{ name: '', kind: 'response', metric: 'nps', scoreAtMost: 1 }, 400, /name/],
    ];
    for (const [body, status, message] of bad) {
      const res = await ctx.api('post', '/api/v1/alert-rules').send(body).expect(status);
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect(res.body.statusCode).toBe(status);
    }
    expect(await ctx.prisma.alertRule.count()).toBe(before);
    await ctx.api('get', '/api/v1/alert-rules/00000000-0000-7000-8000-000000000000').expect(404);
    await ctx.api('get', '/api/v1/alert-rules/nope').expect(400);
  });

  it('lets managers read alert rules but only admins change them', async () => {
    const manager = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'cx manager', 'manager');
    const rules = await ctx.api('get', '/api/v1/alert-rules', manager.key).expect(200);
    const before = await ctx.prisma.alertRule.count();
    await ctx
      .api('post', '/api/v1/alert-rules', manager.key)
      .send({ name: 'm', kind: 'response', metric: 'nps', scoreAtMost: 3 })
      .expect(403);
    const ruleId = (rules.body.data ?? rules.body)[0].id;
    await ctx.api('patch', `/api/v1/alert-rules/${ruleId}`, manager.key).send({ enabled: false }).expect(403);
    await ctx.api('delete', `/api/v1/alert-rules/${ruleId}`, manager.key).expect(403);
    expect(await ctx.prisma.alertRule.count()).toBe(before);
    expect((await ctx.prisma.alertRule.findUniqueOrThrow({ where: { id: ruleId } })).enabled).toBe(true);
  });
});
