import { BadRequestException, ConflictException } from '@nestjs/common';
import { emailHash, uuid7 } from '@cairn/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@cairn/database';
import type { InvitationStatus } from '@cairn/database';
import {
  decideInvitations,
  DistributionModule,
  EventIntakeRepository,
  EventIntakeService,
  IntakeRequest,
  suppressionReason,
} from '@cairn/distribution';
import { phoneHash } from '@cairn/people';
import { SurveyModule } from '@cairn/survey';
import { createSurvey, createTouchpointWithJourney, createWorkspace, unique } from '../factories';
import { createInvitation } from '../factories/invitation.factory';
import { createServiceTest, ServiceTest } from '../utils/service-test';
import { atInstant } from '../utils/test-clock';

describe('EventIntakeService (service tier)', () => {
  let t: ServiceTest;
  let intake: EventIntakeService;
  let workspaceId: string;
  let surveyId: string;
  const trigger = 'order.delivered';

  beforeAll(async () => {
    t = await createServiceTest([DistributionModule, SurveyModule]);
    intake = t.get(EventIntakeService);
    workspaceId = (await createWorkspace(t)).id;
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    surveyId = (await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: trigger, delaySeconds: 60 } })).id;
  });
  afterAll(() => t?.close());

  it('writes the person, the event, the invitation and the outbox row of its send in one go', async () => {
    const invitation = await createInvitation(t, workspaceId, { trigger, surveyId, name: 'Ada' });
    expect(invitation.status).toBe('scheduled');
    const row = await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id }, include: { person: true } });
    expect(row).toMatchObject({ workspaceId, surveyId, eventId: invitation.eventId, status: 'scheduled' });
    expect(row.person).toMatchObject({ email: invitation.email, name: 'Ada' });
    // Scheduled the survey's delay after the event.
    const event = await t.prisma.event.findUniqueOrThrow({ where: { id: invitation.eventId } });
    expect(row.scheduledFor.getTime() - event.occurredAt.getTime()).toBe(60_000);
    const sends = await t.prisma.outboxEvent.findMany({ where: { topic: 'job', payload: { path: ['jobId'], equals: invitation.id } } });
    expect(sends).toHaveLength(1);
    expect(sends[0].payload).toMatchObject({ job: { name: 'send-invitation', data: { invitationId: invitation.id } } });
  });

  it('throttles a second survey to the same person within the throttle period', async () => {
    const email = `${unique('twice')}@example.com`;
    const first = await createInvitation(t, workspaceId, { trigger, surveyId, email });
    const second = await createInvitation(t, workspaceId, { trigger, surveyId, email });
    expect([first.status, second.status]).toEqual(['scheduled', 'throttled']);
    expect(second.reason).toBe('recently_surveyed');
    expect(await t.prisma.outboxEvent.count({ where: { topic: 'job', payload: { path: ['jobId'], equals: second.id } } })).toBe(0);
  });

  it('answers a repeated idempotency key with the stored result, even when the repeats race', async () => {
    const dto = { type: trigger, idempotencyKey: unique('key'), person: { email: `${unique('idem')}@example.com` } };
    // Several requests at once: one inserts, the others hit the unique key and replay what it stored.
    const results = await Promise.all(Array.from({ length: 5 }, () => intake.accept(workspaceId, dto)));
    expect(new Set(results.map((r) => r.eventId)).size).toBe(1);
    expect(await t.prisma.event.count({ where: { workspaceId, idempotencyKey: dto.idempotencyKey } })).toBe(1);
    expect(await t.prisma.invitation.count({ where: { eventId: results[0].eventId } })).toBe(1);
    expect(await intake.accept(workspaceId, dto)).toEqual(results[0]);
  });

  it('refuses a key reused for another event type or person (409), and an event dated too far ahead (400)', async () => {
    const dto = { type: trigger, idempotencyKey: unique('key'), person: { email: `${unique('reuse')}@example.com` } };
    await intake.accept(workspaceId, dto);
    await expect(intake.accept(workspaceId, { ...dto, type: 'order.cancelled' })).rejects.toThrow(ConflictException);
    await expect(intake.accept(workspaceId, { ...dto, person: { email: 'someone.else@example.com' } })).rejects.toThrow(ConflictException);
    const farAhead = new Date(Date.now() + 400 * 86_400_000).toISOString();
    await expect(
      intake.accept(workspaceId, { type: trigger, occurredAt: farAhead, person: { email: 'later@example.com' } }),
    ).rejects.toThrow(BadRequestException);
    expect(await t.prisma.person.count({ where: { workspaceId, email: 'later@example.com' } })).toBe(0);
  });

  it('prepares its statements again on a connection that lost them', async () => {
    await intake.accept(workspaceId, { type: trigger, person: { email: `${unique('prep')}@example.com` } });
    const pool = t.get<Pool>(PG_POOL as never);
    const clients = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
    for (const client of clients) {
      const { rows } = await client.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'cairn_intake_%'`);
      for (const { name } of rows) await client.query(`DEALLOCATE ${name}`);
      client.release();
    }
    const result = await intake.accept(workspaceId, { type: trigger, person: { email: `${unique('prep')}@example.com` } });
    expect(result.invitations).toEqual([expect.objectContaining({ surveyId, status: 'scheduled' })]);
  });

  it('stores text exactly as sent, quotes, backslashes and placeholders included', async () => {
    const name = `O'Brien \\ "x" $1 ; --`;
    const properties = { note: "it's \\n 'quoted' $2", nested: { list: ['a', "b'c"] } };
    const result = await intake.accept(workspaceId, {
      type: trigger,
      person: { email: `${unique('quote')}@example.com`, name, properties: { plan: "pro's" } },
      properties,
      idempotencyKey: `key'${unique('q')}\\`,
    });
    const event = await t.prisma.event.findUniqueOrThrow({ where: { id: result.eventId }, include: { person: true } });
    expect(event.properties).toEqual(properties);
    expect(event.person).toMatchObject({ name, properties: { plan: "pro's" } });
    expect(event.idempotencyKey).toMatch(/^key'.*\\$/);
  });

  // Under load the intake sends the events of many requests in one message, their decisions in one statement: each
  // event must be decided as if it came alone, a second event of a person after the first, whatever the order.
  it('decides a batch of events in one message as it decides them one at a time', async () => {
    const repository = t.get(EventIntakeRepository);
    const [one, two] = [unique('batch-one'), unique('batch-two')];
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: one } });
    const { touchpoint: other } = await createTouchpointWithJourney(t, workspaceId);
    await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: two, delaySeconds: 3600 } });
    await createSurvey(t, workspaceId, { touchpointId: other.id, trigger: { event: two }, throttleDays: 0 });
    // Per run, fresh people: z and a (each twice, z's second event of the other type), a suppressed address, a number.
    const batch = (run: string, now: Date) => {
      const email = (name: string) => `${name}-${run}@example.com`;
      const events: Array<[string, IntakeRequest['person']]> = [
        [one, { email: email('z') }],
        [two, { email: email('a') }],
        [one, { email: email('a') }],
        [two, { email: email('z') }],
        [one, { email: email('bounced') }],
        [one, { phone: `+4670${String(Date.now() % 10_000_000).padStart(7, '0')}${run.length}` }],
        [two, { email: email('m'), name: 'Mo', properties: { plan: 'pro' } }],
      ];
      return events.map(([type, person]): IntakeRequest => ({
        workspaceId,
        type,
        person,
        personId: uuid7(),
        now,
        occurredAt: now,
        eventId: uuid7(),
        properties: { run },
        idempotencyKey: null,
      }));
    };
    const decided = async (reqs: IntakeRequest[], send: (reqs: IntakeRequest[]) => Promise<Array<{ result: unknown; queued: number }>>) => {
      for (const req of reqs) {
        if (req.person.email?.startsWith('bounced')) {
          await t.prisma.suppression.create({ data: { workspaceId, emailHash: emailHash(req.person.email), reason: 'bounced' } });
        }
      }
      const answers = await send(reqs);
      return answers.map(({ result, queued }, i) => {
        const { eventId, invitations } = result as { eventId: string; invitations: Array<Record<string, string>> };
        expect(eventId).toBe(reqs[i].eventId);
        return { queued, invitations: invitations.map(({ status, reason, scheduledFor }) => ({ status, reason, scheduledFor })) };
      });
    };
    const now = new Date();
    const alone = await decided(batch('alone', now), async (reqs) => {
      const answers = [];
      for (const req of reqs) answers.push(await repository.record(req));
      return answers;
    });
    const together = batch('together', now);
    const inOneMessage = await decided(together, (reqs) => repository.recordMany(reqs));

    expect(inOneMessage).toEqual(alone);
    // What one at a time decides: z's and a's second events are throttled by their first (30 days), the bounced
    // address suppressed, the number alone has no address, m gets both of two's surveys (the second has no throttle).
    const statuses = alone.map(({ invitations }) => invitations.map(({ status, reason }) => reason ?? status));
    expect(statuses).toEqual([
      ['scheduled'],
      ['scheduled', 'scheduled'],
      ['recently_surveyed'],
      ['recently_surveyed', 'scheduled'],
      ['bounced'],
      ['no_email'],
      ['scheduled', 'scheduled'],
    ]);
    expect(inOneMessage.map(({ queued }) => queued)).toEqual([1, 2, 0, 1, 0, 0, 2]);
    // And wrote it: each event with its person and invitations, an outbox row per scheduled send.
    const events = await t.prisma.event.findMany({
      where: { id: { in: together.map(({ eventId }) => eventId) } },
      include: { invitations: true, person: true },
    });
    expect(events).toHaveLength(together.length);
    for (const [i, req] of together.entries()) {
      const event = events.find(({ id }) => id === req.eventId)!;
      expect(event).toMatchObject({ type: req.type, properties: { run: 'together' } });
      expect(event.person).toMatchObject(req.person.email ? { email: req.person.email } : { phoneNumber: req.person.phone });
      expect(event.invitations.map(({ status }) => status).sort()).toEqual(
        statuses[i].map((s) => (s === 'scheduled' ? s : s === 'recently_surveyed' ? 'throttled' : 'suppressed')).sort(),
      );
    }
    const scheduled = events.flatMap(({ invitations }) => invitations.filter(({ status }) => status === 'scheduled').map(({ id }) => id));
    expect(
      await t.prisma.outboxEvent.count({
        where: { topic: 'job', OR: scheduled.map((id) => ({ payload: { path: ['jobId'], equals: id } })) },
      }),
    ).toBe(scheduled.length);
    expect(events.find(({ id }) => id === together[6].eventId)!.person).toMatchObject({ name: 'Mo', properties: { plan: 'pro' } });
  });

  // The intake runs decideInvitations() inside its SQL statement: this holds the two equal on random cases
  // (surveys with delays and throttles of both channels, earlier invitations of every status around now, suppressed
  // addresses and stopped numbers, people known by number only).
  it('decides exactly as fatigue.policy decideInvitations() does', async () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const day = 86_400_000;
    const now = new Date('2026-11-20T10:00:00.000Z');
    const touchpoints = await Promise.all([0, 1, 2, 3].map(() => createTouchpointWithJourney(t, workspaceId)));
    const history = (await createSurvey(t, workspaceId, { touchpointId: touchpoints[0].touchpoint.id, trigger: { event: unique('hist') } }))
      .id;
    const statuses: InvitationStatus[] = ['scheduled', 'sending', 'sent', 'responded', 'cancelled', 'throttled', 'failed'];
    for (let round = 0; round < 30; round++) {
      const type = unique('prop');
      for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) {
        const survey = await createSurvey(t, workspaceId, {
          touchpointId: touchpoints[i].touchpoint.id,
          trigger: { event: type, delaySeconds: pick([0, 3600, 5 * 86400, 20 * 86400]) },
          throttleDays: pick([0, 1, 7, 30]),
          expiresAfterSeconds: pick([3600, 30 * 86400]),
        });
        if (random() < 0.3) await t.prisma.survey.update({ where: { id: survey.id }, data: { channel: 'sms' } });
      }
      const phoneOnly = random() < 0.2;
      const email = phoneOnly ? null : `${unique('prop')}@example.com`;
      const phone = phoneOnly || random() < 0.5 ? `+46701${String(100000 + round)}` : null;
      const person = await t.prisma.person.create({
        data: {
          workspaceId,
          email,
          emailHash: email && emailHash(email),
          phoneNumber: phone,
          unsubscribedAt: random() < 0.1 ? now : null,
        },
      });
      if (email && random() < 0.1)
        await t.prisma.suppression.create({ data: { workspaceId, emailHash: emailHash(email), reason: 'bounced' } });
      const stopped = phone !== null && random() < 0.2;
      if (stopped) await t.prisma.smsSuppression.create({ data: { workspaceId, phoneHash: phoneHash(phone), reason: 'stop_reply' } });
      const earlier = Array.from({ length: Math.floor(random() * 4) }, () => {
        const scheduledFor = new Date(now.getTime() + Math.round((random() * 80 - 40) * day));
        const status = pick(statuses);
        const sentAt = ['sent', 'responded'].includes(status) ? new Date(scheduledFor.getTime() + Math.round(random() * 3 * day)) : null;
        const claimedAt = status === 'sending' ? new Date(now.getTime() - 60_000) : null;
        return { workspaceId, surveyId: history, personId: person.id, status, scheduledFor, expiresAt: now, sentAt, claimedAt };
      });
      for (const data of earlier) await t.prisma.invitation.create({ data });
      const occurredAt = new Date(now.getTime() + Math.round((random() * 6 - 3) * day));

      const result = await atInstant(t.module, now, () =>
        intake.accept(workspaceId, { type, person: email ? { email } : { phone: phone! }, occurredAt: occurredAt.toISOString() }),
      );

      const surveys = await t.prisma.survey.findMany({
        where: { workspaceId, triggerEvent: type },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      const planned = surveys.map((survey) => ({
        surveyId: survey.id,
        scheduledFor: new Date(Math.max(occurredAt.getTime() + survey.delaySeconds * 1000, now.getTime())),
        throttleDays: survey.throttleDays,
        channel: survey.channel,
      }));
      const suppression = email ? await t.prisma.suppression.findFirst({ where: { workspaceId, emailHash: emailHash(email) } }) : null;
      // The SMS gate's order: the stop list, then the person's unsubscribe.
      const suppressedSms = stopped ? 'sms_stopped' : person.unsubscribedAt ? 'unsubscribed' : null;
      const otherSurveyTimes = earlier
        .filter((row) => ['scheduled', 'sending', 'sent', 'responded'].includes(row.status))
        .map((row) => row.sentAt ?? row.claimedAt ?? row.scheduledFor);
      const suppressed = suppressionReason(person, suppression?.reason ?? null);
      const expected = decideInvitations(planned, { suppressed, suppressedSms, otherSurveyTimes });
      const context = JSON.stringify({ planned, earlier, occurredAt, suppressed, suppressedSms });
      expect({
        context,
        decided: result.invitations.map(({ surveyId, status, reason, scheduledFor }) => ({ surveyId, status, reason, scheduledFor })),
      }).toEqual({
        context,
        decided: planned.map((plan, i) => ({
          surveyId: plan.surveyId,
          status: expected[i].status,
          reason: expected[i].reason ?? undefined,
          scheduledFor: plan.scheduledFor.toISOString(),
        })),
      });
    }
  });
});
