import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobRepository, JobName, QueueName } from '@cairn/jobs';
import { OutboxRelayService, OutboxRepository } from '@cairn/outbox';
import { Place, recordResponse, seedPlace } from './closed-loop.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

describe('score_drop alerts', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let place: Place;

  beforeAll(async () => {
    ctx = await startTestApi();
    worker = await startTestWorker(ctx.config);
    place = await seedPlace(ctx);
    // Only score_drop alerts in this file.
    await ctx.prisma.alertRule.updateMany({ where: { isDefault: true }, data: { enabled: false } });
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
  });

  async function settled(): Promise<void> {
    await ctx.app.get(OutboxRelayService).idle();
    await waitFor(
      async () => {
        if (await ctx.app.get(OutboxRepository).countPending()) return false;
        const jobs = ctx.app.get(JobRepository);
        const counts = await Promise.all(
          [QueueName.Events, QueueName.Maintenance].map((q) => jobs.getQueue(q).getJobCounts('waiting', 'active', 'delayed')),
        );
        return counts.every((c) => c.waiting + c.active === 0);
      },
      15_000,
      'settled',
    );
  }

  async function answer(score: number, target = place): Promise<void> {
    await recordResponse(ctx, target, score);
    await settled();
  }

  const alertsOf = (ruleId: string) => ctx.prisma.alert.findMany({ where: { ruleId }, orderBy: { createdAt: 'asc' } });
  const triggered = async (ruleId: string) => (await ctx.api('get', `/api/v1/alert-rules/${ruleId}`).expect(200)).body.triggered;

  it('fires once when the touchpoint score crosses below, again only after it recovered', async () => {
    const rule = (
      await ctx
        .api('post', '/api/v1/alert-rules')
        .send({
          name: 'Checkout NPS below 0',
          kind: 'score_drop',
          metric: 'nps',
          touchpointId: place.touchpoint.id,
          below: 0,
          windowDays: 7,
          minResponses: 4,
        })
        .expect(201)
    ).body;
    expect(rule).toMatchObject({ kind: 'score_drop', below: 0, windowDays: 7, minResponses: 4, triggered: false });

    for (let i = 0; i < 3; i++) await answer(2);
    expect(await alertsOf(rule.id)).toHaveLength(0); // NPS −100, but only 3 answers
    await answer(2);
    const [first] = await alertsOf(rule.id);
    expect(first).toMatchObject({
      kind: 'score_drop',
      value: -100,
      responseId: null,
      details: expect.objectContaining({ n: 4, below: 0 }),
    });
    expect(await triggered(rule.id)).toBe(true);
    for (let i = 0; i < 3; i++) await answer(1);
    expect(await alertsOf(rule.id)).toHaveLength(1); // still below: no repeat

    for (let i = 0; i < 7; i++) await answer(10); // 7 promoters vs 7 detractors: NPS 0, not below 0
    expect(await triggered(rule.id)).toBe(false);
    expect(await alertsOf(rule.id)).toHaveLength(1);

    await answer(0); // crosses again
    expect(await alertsOf(rule.id)).toHaveLength(2);
    const events = await ctx.prisma.outboxEvent.findMany({
      where: { topic: 'alert.triggered', payload: { path: ['ruleId'], equals: rule.id } },
    });
    expect(events).toHaveLength(2);
    await ctx.api('patch', `/api/v1/alert-rules/${rule.id}`).send({ enabled: false }).expect(200);
  });

  it('the scheduled job notices a stage score that drops as old answers leave the window', async () => {
    const stagePlace = await seedPlace(ctx);
    const rule = (
      await ctx
        .api('post', '/api/v1/alert-rules')
        .send({
          name: 'Purchase stage',
          kind: 'score_drop',
          metric: 'nps',
          stageId: stagePlace.stage.id,
          below: 0,
          windowDays: 1,
          minResponses: 3,
        })
        .expect(201)
    ).body;
    const promoters = [];
    for (let i = 0; i < 3; i++) promoters.push(await recordResponse(ctx, stagePlace, 10));
    for (let i = 0; i < 3; i++) await recordResponse(ctx, stagePlace, 3);
    await settled();
    expect(await alertsOf(rule.id)).toHaveLength(0); // NPS 0

    // Two days pass for the promoters: nothing new is answered, only the window moves.
    await ctx.prisma.response.updateMany({
      where: { id: { in: promoters.map((p) => p.id) } },
      data: { createdAt: new Date(Date.now() - 2 * 86_400_000) },
    });
    const jobs = ctx.app.get(JobRepository);
    await jobs.queue({ name: JobName.EvaluateScoreDrops, data: {} }, { jobId: 'drops-1' });
    await waitFor(async () => (await alertsOf(rule.id)).length === 1, 15_000, 'scheduled evaluation');
    await jobs.queue({ name: JobName.EvaluateScoreDrops, data: {} }, { jobId: 'drops-2' });
    await waitFor(async () => (await jobs.getQueue(QueueName.Maintenance).getJob('drops-2'))?.isCompleted(), 15_000, 'second run');
    expect(await alertsOf(rule.id)).toHaveLength(1);
    expect((await alertsOf(rule.id))[0]).toMatchObject({
      value: -100,
      details: expect.objectContaining({ n: 3, stageId: stagePlace.stage.id }),
    });
  });

  it('concurrent evaluations of one rule still fire once', async () => {
    const p = await seedPlace(ctx);
    const rule = (
      await ctx
        .api('post', '/api/v1/alert-rules')
        .send({
          name: 'Burst',
          kind: 'score_drop',
          metric: 'nps',
          touchpointId: p.touchpoint.id,
          below: 50,
          windowDays: 7,
          minResponses: 1,
        })
        .expect(201)
    ).body;
    await Promise.all(Array.from({ length: 20 }, () => recordResponse(ctx, p, 0)));
    await settled();
    expect(await alertsOf(rule.id)).toHaveLength(1);
  });
});
