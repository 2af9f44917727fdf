import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobRepository, QueueName } from '@cairn/jobs';
import { OutboxRelayService, OutboxRepository } from '@cairn/outbox';
import { outboxTopics, seedInvitation, Seeded } from './answering.fixtures';
import { addUser } from './closed-loop.fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

// Steps are sent one after another, each well inside this quiet; the settle job runs this long after the last.
const SETTLE_AFTER_MS = 3_000;

describe('answers saved step by step settle before anyone is alerted', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let smtp: SmtpSink;
  let receiver: WebhookReceiver;
  let secret: string;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    ctx = await startTestApi({ smtpUrl: smtp.url, answering: { clickWindowMs: 60_000, settleAfterMs: SETTLE_AFTER_MS } });
    worker = await startTestWorker(ctx.config);
    await ctx.prisma.user.deleteMany({ where: { workspaceId: ctx.workspaceId } });
    await addUser(ctx, 'cx@example.com', 'manager');
    secret = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/sides'), events: ['response.detractor', 'response.promoter'] })
        .expect(201)
    ).body.secret;
  });
  afterAll(async () => {
    await worker?.close();
    await receiver?.close();
    await smtp?.close();
    await ctx?.close();
  });

  const sides = (responseId: string) =>
    receiver
      .to('/sides')
      .map((hit) => receiver.verify(secret, hit))
      .filter((body) => body.data.response.id === responseId)
      .map((body) => body.type);

  /** What the page's script sends: a step (settle: false), or Send. */
  async function post(seed: Seeded, body: object) {
    return ctx.http().post(`/r/${seed.responseToken}`).set('accept', 'application/json').send(body);
  }

  async function steps(seed: Seeded, scores: number[]): Promise<string> {
    let id = '';
    for (const score of scores) {
      const res = await post(seed, { score, settle: false });
      expect([200, 201]).toContain(res.status);
      id = res.body.id;
    }
    return id;
  }

  /** The settle job ran (or a Send settled it), and every event since went through the worker. */
  async function settled(responseId: string): Promise<void> {
    await waitFor(async () => !(await ctx.prisma.response.findUniqueOrThrow({ where: { id: responseId } })).settling, 20_000, 'settled');
    await ctx.app.get(OutboxRelayService).idle();
    await waitFor(
      async () => {
        if (await ctx.app.get(OutboxRepository).countPending()) return false;
        const queues = [QueueName.Events, QueueName.Webhooks, QueueName.Email].map((name) => ctx.app.get(JobRepository).getQueue(name));
        const counts = await Promise.all(queues.map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
        return counts.every((count) => Object.values(count).every((n) => n === 0));
      },
      20_000,
      'events, webhooks and emails done',
    );
  }

  it('3 → 4 → … → 9 with the arrow keys opens no case, sends no detractor webhook and no staff email', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const id = await steps(seed, [3, 4, 5, 6, 7, 8, 9]);
    // Stored at once, so a tab closed now keeps the 9; only the alerting waits.
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id } })).toMatchObject({ score: 9, settling: true });
    await settled(id);
    await waitFor(() => sides(id).length > 0, 15_000, 'the promoter webhook');
    expect(sides(id)).toEqual(['response.promoter']);
    expect(await ctx.prisma.alert.count({ where: { responseId: id } })).toBe(0);
    expect(await ctx.prisma.case.count({ where: { responseId: id } })).toBe(0);
    expect(smtp.to('cx@example.com')).toHaveLength(0);
    const topics = await outboxTopics(ctx, id);
    expect(topics.filter((topic) => topic === 'response.settled')).toHaveLength(1);
    expect(topics).not.toContain('response.detractor');
  });

  it('3, left there, settles: one case, one detractor webhook, one staff email', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const id = await steps(seed, [3]);
    await settled(id);
    const kase = await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: id } }), 15_000, 'case');
    expect(kase.status).toBe('open');
    await waitFor(() => sides(id).length > 0 && smtp.to('cx@example.com').length > 0, 15_000, 'webhook and email');
    await settled(id);
    expect(sides(id)).toEqual(['response.detractor']);
    expect(smtp.to('cx@example.com')).toHaveLength(1);
    expect(await ctx.prisma.alert.count({ where: { responseId: id } })).toBe(1);
  });

  it('Send settles at once: its transaction announces the side, however the steps went', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const id = await steps(seed, [9, 6, 3]);
    expect(await outboxTopics(ctx, id)).not.toContain('response.detractor');
    const sent = await post(seed, { score: 3, comment: 'Late and cold' });
    expect(sent.status).toBe(200);
    // Written with the Send, not by a settle job later.
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id } })).toMatchObject({ score: 3, settling: false });
    expect(await outboxTopics(ctx, id)).toContain('response.detractor');
    await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: id } }), 15_000, 'case');
    await settled(id);
    expect(sides(id)).toEqual(['response.detractor']);
    // The steps' settle jobs found the answer sent and did nothing more.
    expect((await outboxTopics(ctx, id)).filter((topic) => topic === 'response.settled')).toHaveLength(0);
  });

  it('a settled 2 moved to 9 by steps notes its case once, when the steps rest', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const first = await post(seed, { score: 2 });
    expect(first.status).toBe(201);
    const id = first.body.id;
    const kase = await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: id } }), 15_000, 'case');
    await steps(seed, [3, 5, 7, 9]);
    await settled(id);
    await waitFor(async () => (await ctx.prisma.caseNote.count({ where: { caseId: kase.id } })) > 0, 15_000, 'case note');
    const notes = await ctx.prisma.caseNote.findMany({ where: { caseId: kase.id } });
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain('from 2 to 9');
  });

  it("a Delighted API edit of an answer still saving steps settles it: the side event with the edit, the steps' job finds nothing", async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const id = await steps(seed, [9, 5]);
    const edited = await ctx
      .http()
      .put(`/compat/delighted/v1/survey_responses/${id}.json`)
      .auth(ctx.apiKey, '')
      .send({ score: 2, comment: 'Changed by the support team' });
    expect(edited.status).toBe(200);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id } })).toMatchObject({ score: 2, settling: false });
    expect(await outboxTopics(ctx, id)).toContain('response.detractor');
    await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: id } }), 15_000, 'case');
    await settled(id);
    expect(sides(id)).toEqual(['response.detractor']);
    expect((await outboxTopics(ctx, id)).filter((topic) => topic === 'response.settled')).toHaveLength(0);
  });
});
