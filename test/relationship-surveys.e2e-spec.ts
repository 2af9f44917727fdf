import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, emailHash } from '@cairn/common';
import { RelationshipSchedulerService, slotAt, slotOffsetSeconds } from '@cairn/distribution';
import { JobName, JobRepository, QueueName } from '@cairn/jobs';
import { createSurvey, uniqueEmail } from './utils/distribution-fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { atInstant } from './utils/test-clock';
import { startTestWorker, waitFor } from './utils/test-worker';

const DAY = 86_400_000;
const EVERY_DAYS = 7;

/**
 * Relationship surveys (issue 15 point 1) on the real worker: two worker instances and a restart, the job through
 * BullMQ, emails to a real SMTP server. The workers' clock is steered to instants after the survey's anchor, which
 * lies in the past, so sends are due at once and expiry never interferes.
 */
describe('relationship surveys: schedule and sends', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  let workers: NestFastifyApplication[] = [];
  // Seconds only: slots are whole seconds after the anchor.
  const anchor = new Date(Math.floor((Date.now() - 40 * DAY) / 1000) * 1000);
  let now = anchor;

  // Every test starts at the anchor: a survey's periods start when it is created, so a clock left where the last
  // test ticked would shift them (the preview test then met only one period's slots, about half the time).
  beforeEach(() => {
    now = anchor;
  });

  const steer = (app: NestFastifyApplication) => {
    app.get(Clock).now = () => new Date(now);
    return app;
  };
  const startWorker = async () => steer(await startTestWorker(ctx.config));

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    ctx = await startTestApi({ smtpUrl: sink.url });
    workers = [await startWorker(), await startWorker()];
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await ctx?.close();
    await sink?.close();
  });

  const journey = async (key?: string) =>
    (
      await ctx
        .api('post', '/api/v1/journeys', key)
        .send({ name: `Rel ${Math.random()}`, stages: [{ name: 'All' }] })
        .expect(201)
    ).body as {
      id: string;
    };

  /** A relationship survey whose period 0 starts at `anchor`. */
  async function relationshipSurvey(body: Record<string, unknown>, key?: string) {
    const created = (
      await ctx
        .api('post', '/api/v1/surveys', key)
        .send({ kind: 'relationship', metric: 'nps', ...body })
        .expect(201)
    ).body as { id: string };
    await ctx.prisma.survey.update({ where: { id: created.id }, data: { scheduleAnchor: anchor } });
    return created.id;
  }

  /** People made before the anchor, so each one's slot in period 0 counts. */
  async function people(workspaceId: string, count: number, label: string, properties: object = {}) {
    const emails = Array.from({ length: count }, () => uniqueEmail(label));
    await ctx.prisma.person.createMany({
      data: emails.map((email) => ({
        workspaceId,
        email,
        emailHash: emailHash(email),
        properties,
        createdAt: new Date(anchor.getTime() - DAY),
      })),
    });
    return ctx.prisma.person.findMany({ where: { workspaceId, email: { in: emails } }, orderBy: { id: 'asc' } });
  }

  const invitations = (surveyId: string, periodIndex?: number) =>
    ctx.prisma.invitation.findMany({ where: { surveyId, ...(periodIndex === undefined ? {} : { periodIndex }) } });

  /** Both workers tick at once, and a third tick goes through BullMQ to whichever worker takes it. */
  async function tickEverywhere(at: Date) {
    now = at;
    const jobId = `tick-${at.getTime()}-${Math.random()}`;
    await ctx.app.get(JobRepository).queue({ name: JobName.ScheduleRelationshipSurveys, data: {} }, { jobId });
    await Promise.all(workers.map((worker) => worker.get(RelationshipSchedulerService).tick()));
    const queue = ctx.app.get(JobRepository).getQueue(QueueName.Maintenance);
    await waitFor(async () => (await queue.getJobState(jobId)) === 'completed', 20_000, 'the queued tick');
  }

  const slotOf = (surveyId: string, personId: string, period: number) =>
    slotAt({ everyDays: EVERY_DAYS, anchor }, period, slotOffsetSeconds(surveyId, personId, EVERY_DAYS));

  it('asks each person once per period across two workers and a restart; those who left are not asked', async () => {
    const ws = ctx.workspaceId;
    const surveyId = await relationshipSurvey({ journeyId: (await journey()).id, schedule: { everyDays: EVERY_DAYS } });
    const askable = await people(ws, 30, 'rel');
    const [unsubscribed, erased, suppressed] = await people(ws, 3, 'gone');
    await ctx.prisma.person.update({ where: { id: unsubscribed.id }, data: { unsubscribedAt: anchor } });
    await ctx.prisma.person.update({ where: { id: erased.id }, data: { erasedAt: anchor, email: null } });
    await ctx.prisma.suppression.create({ data: { workspaceId: ws, emailHash: suppressed.emailHash!, reason: 'complained' } });
    await ctx.prisma.person.create({ data: { workspaceId: ws, name: 'No address', createdAt: anchor } });

    // Half-way through period 0: exactly those whose slot has come.
    const half = new Date(anchor.getTime() + 3.5 * DAY);
    await tickEverywhere(half);
    const dueByHalf = askable.filter((p) => slotOf(surveyId, p.id, 0) <= half).map((p) => p.id);
    expect(dueByHalf.length).toBeGreaterThan(0);
    expect(dueByHalf.length).toBeLessThan(askable.length);
    const first = await invitations(surveyId, 0);
    expect(first.map((i) => i.personId).sort()).toEqual(dueByHalf.sort());
    for (const invitation of first) expect(invitation.scheduledFor).toEqual(slotOf(surveyId, invitation.personId, 0));

    // A worker restarts; both tick again at the last second of period 0: everyone once, nobody twice.
    await workers[0].close();
    workers[0] = await startWorker();
    await tickEverywhere(new Date(anchor.getTime() + EVERY_DAYS * DAY - 1000));
    await tickEverywhere(new Date(anchor.getTime() + EVERY_DAYS * DAY - 1000));
    const period0 = await invitations(surveyId, 0);
    expect(period0).toHaveLength(askable.length);
    expect(new Set(period0.map((i) => i.personId))).toEqual(new Set(askable.map((p) => p.id)));
    const sent = async (period: number) => {
      const rows = await invitations(surveyId, period);
      return rows.length === askable.length && rows.every((i) => i.status === 'sent') ? rows : null;
    };
    await waitFor(() => sent(0), 60_000, 'period 0 sent');
    for (const person of askable) expect(sink.to(person.email!)).toHaveLength(1);
    for (const gone of [unsubscribed, suppressed]) expect(sink.to(gone.email!)).toHaveLength(0);
    expect(await ctx.prisma.invitation.count({ where: { surveyId, personId: { in: [unsubscribed.id, erased.id, suppressed.id] } } })).toBe(
      0,
    );

    // Period 1 asks everyone again, once.
    await tickEverywhere(new Date(anchor.getTime() + 2 * EVERY_DAYS * DAY - 1000));
    await waitFor(() => sent(1), 60_000, 'period 1 sent');
    for (const person of askable) expect(sink.to(person.email!)).toHaveLength(2);
    expect(await invitations(surveyId)).toHaveLength(2 * askable.length);
  });

  it('previews the next 7 days exactly as the ticks then invite them', async () => {
    const { workspaceId, apiKey } = await ctx.createWorkspace('rel-preview');
    const surveyId = await relationshipSurvey({ journeyId: (await journey(apiKey)).id, schedule: { everyDays: EVERY_DAYS } }, apiKey);
    const asked = await people(workspaceId, 120, 'preview');
    // An hour into period 2 (periods 0 and 1 were never ticked for this survey: only the late grace of period 1 and
    // the first hour of period 2 are due; slots past a day after their period ended are not made up).
    const HOUR = 3_600_000;
    const from = new Date(anchor.getTime() + 2 * EVERY_DAYS * DAY + HOUR);
    const preview = await atInstant(ctx.app, from, () => ctx.app.get(RelationshipSchedulerService).preview(workspaceId, surveyId, 7));
    expect(preview.days).toHaveLength(7);
    expect(preview.total).toBe(preview.days.reduce((sum, day) => sum + day.count, 0));
    const sent: number[] = [];
    for (let day = 1; day <= 7; day++) {
      const before = (await invitations(surveyId)).length;
      await tickEverywhere(new Date(from.getTime() + day * DAY));
      sent.push((await invitations(surveyId)).length - before);
    }
    expect(sent).toEqual(preview.days.map((d) => d.count));
    // By hand: the 7 days hold everyone's slot of period 2 (those in its first hour are overdue and go on day 1)
    // and, in the hour after period 3 starts, the slots of those whose offset is at most an hour, a second time.
    const inFirstHour = asked.filter((p) => slotOffsetSeconds(surveyId, p.id, EVERY_DAYS) * 1000 <= HOUR).length;
    expect(preview.total).toBe(120 + inFirstHour);
    expect(preview.days[6].count).toBe(
      asked.filter((p) => {
        const offset = slotOffsetSeconds(surveyId, p.id, EVERY_DAYS) * 1000;
        return offset > 6 * DAY + HOUR || offset <= HOUR;
      }).length,
    );
  });

  it('asks only the segment', async () => {
    const { workspaceId, apiKey } = await ctx.createWorkspace('rel-segment');
    const surveyId = await relationshipSurvey(
      { journeyId: (await journey(apiKey)).id, schedule: { everyDays: EVERY_DAYS }, segment: { plan: 'pro', seats: 10 } },
      apiKey,
    );
    const pro = await people(workspaceId, 6, 'pro', { plan: 'pro', seats: 10 });
    await people(workspaceId, 6, 'free', { plan: 'free', seats: 10 });
    await people(workspaceId, 3, 'few', { plan: 'pro', seats: 2 });
    // A row written without a schedule (no CHECK can refuse it) is skipped, not the end of the tick.
    await ctx.prisma.survey.create({ data: { workspaceId, kind: 'relationship', journeyId: (await journey(apiKey)).id, metric: 'nps' } });
    await tickEverywhere(new Date(anchor.getTime() + EVERY_DAYS * DAY - 1000));
    expect((await invitations(surveyId)).map((i) => i.personId).sort()).toEqual(pro.map((p) => p.id).sort());
  });

  it('reads a relationship survey back, and a touchpoint survey as before', async () => {
    const journeyId = (await journey()).id;
    const id = await relationshipSurvey({ journeyId, schedule: { everyDays: 90 }, segment: { plan: 'pro' } });
    const read = (await ctx.api('get', `/api/v1/surveys/${id}`).expect(200)).body;
    expect(read).toMatchObject({
      kind: 'relationship',
      journeyId,
      touchpointId: null,
      trigger: null,
      schedule: { everyDays: 90, anchor: anchor.toISOString() },
      segment: { plan: 'pro' },
      // The default throttle stays below the period, or every second ask would be throttled.
      throttleDays: 30,
    });
    const touchpoint = await createSurvey(ctx, { event: 'rel.unaffected' });
    const plain = (await ctx.api('get', `/api/v1/surveys/${touchpoint.id}`).expect(200)).body;
    expect(plain).toMatchObject({
      kind: 'touchpoint',
      journeyId: null,
      schedule: null,
      segment: null,
      trigger: { event: 'rel.unaffected' },
    });
    const week = (
      await ctx
        .api('post', '/api/v1/surveys')
        .send({ kind: 'relationship', metric: 'nps', journeyId, schedule: { everyDays: 7 } })
        .expect(201)
    ).body;
    expect(week.throttleDays).toBe(6);

    const schedule = (await ctx.api('get', `/api/v1/surveys/${id}/schedule?days=3`).expect(200)).body;
    expect(schedule).toMatchObject({ surveyId: id, everyDays: 90, total: expect.any(Number) });
    expect(schedule.days).toHaveLength(3);
    for (const days of ['0', '91', 'x', '2.5']) await ctx.api('get', `/api/v1/surveys/${id}/schedule?days=${days}`).expect(400);
    await ctx.api('get', `/api/v1/surveys/${touchpoint.id}/schedule`).expect(404);
    // Off again, so the workers' own ticks leave the default workspace's people to the first test.
    for (const survey of [id, week.id as string]) await ctx.api('patch', `/api/v1/surveys/${survey}`).send({ active: false }).expect(200);
    const off = (await ctx.api('get', `/api/v1/surveys/${id}/schedule`).expect(200)).body;
    expect(off.total).toBe(0);
  });

  it('refuses bad input with 400/404 and stores nothing', async () => {
    const journeyId = (await journey()).id;
    const touchpoint = await createSurvey(ctx, { event: 'rel.bad' });
    const base = { kind: 'relationship', metric: 'nps', journeyId, schedule: { everyDays: 30 } };
    const before = await ctx.prisma.survey.count();
    const bad: Array<[Record<string, unknown>, number]> = [
      [{ ...base, schedule: undefined }, 400],
      [{ ...base, schedule: { everyDays: 6 } }, 400],
      [{ ...base, schedule: { everyDays: 731 } }, 400],
      [{ ...base, schedule: { everyDays: 30.5 } }, 400],
      [{ ...base, schedule: { everyDays: 30, at: 'noon' } }, 400],
      [{ ...base, journeyId: undefined }, 400],
      [{ ...base, touchpointId: touchpoint.touchpointId }, 400],
      [{ ...base, trigger: { event: 'x.y' } }, 400],
      [{ ...base, segment: {} }, 400],
      [{ ...base, segment: { plan: { $ne: 1 } } }, 400],
      [{ ...base, segment: JSON.parse('{"__proto__": "x", "plan": "pro"}') as object }, 400],
      [{ ...base, segment: { plan: '' } }, 400],
      [{ ...base, throttleDays: 30 }, 400],
      [{ ...base, kind: 'pulse' }, 400],
      [{ ...base, journeyId: '01937a1e-0000-7000-8000-000000000000' }, 404],
      [{ touchpointId: touchpoint.touchpointId, metric: 'nps', trigger: { event: 'a.b' }, schedule: { everyDays: 30 } }, 400],
      [{ touchpointId: touchpoint.touchpointId, metric: 'nps', trigger: { event: 'a.b' }, segment: { plan: 'pro' } }, 400],
      [{ metric: 'nps', trigger: { event: 'a.b' } }, 400],
    ];
    for (const [body, status] of bad) {
      const res = await ctx.api('post', '/api/v1/surveys').send(body);
      expect({ body, status: res.status }).toEqual({ body, status });
    }
    expect(await ctx.prisma.survey.count()).toBe(before);
    await ctx.api('patch', `/api/v1/surveys/${touchpoint.id}`).send({ throttleDays: 400 }).expect(200);
  });
});
