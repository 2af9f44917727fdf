import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { AlertRuleService, AlertsModule, ResponseAlertService, ScoreDropService } from '@cairn/alerts';
import { JourneyModule } from '@cairn/journey';
import type { DomainEvent } from '@cairn/outbox';
import { createResponse, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('Alert services (service tier)', () => {
  let t: ServiceTest;
  let workspaceId: string;
  let touchpoint: { id: string; stageId: string; journeyId: string };

  beforeAll(async () => {
    // JourneyModule only for the factories' touchpoints.
    t = await createServiceTest([AlertsModule, JourneyModule]);
    workspaceId = (await createWorkspace(t)).id;
    touchpoint = (await createTouchpointWithJourney(t, workspaceId)).touchpoint;
  });
  afterAll(() => t?.close());

  const responseEvent = (responseId: string): DomainEvent<'response.created'> => ({
    id: 'test',
    type: 'response.created',
    workspaceId,
    data: { responseId },
    createdAt: new Date(),
  });
  const outbox = (topic: string) => t.prisma.outboxEvent.count({ where: { workspaceId, topic } });

  it('validates rules against the workspace: foreign touchpoints are 404, mixed kinds 400, the default rule stays (409)', async () => {
    const rules = t.get(AlertRuleService);
    const other = await createWorkspace(t);
    const { touchpoint: foreign } = await createTouchpointWithJourney(t, other.id);
    await expect(
      rules.create(workspaceId, { name: 'x', kind: 'score_drop', metric: 'nps', stageId: foreign.stageId, below: 0 }),
    ).rejects.toThrow(NotFoundException);
    await expect(
      rules.create(workspaceId, { name: 'x', kind: 'response', metric: 'nps', scoreAtMost: 6, touchpointIds: [touchpoint.id, foreign.id] }),
    ).rejects.toThrow(NotFoundException);
    await expect(rules.create(workspaceId, { name: 'x', kind: 'response', metric: 'nps', scoreAtMost: 6, below: 0 })).rejects.toThrow(
      BadRequestException,
    );
    const [defaultRule] = (await rules.list(workspaceId)).data;
    await expect(rules.delete(workspaceId, defaultRule.id)).rejects.toThrow(ConflictException);
    expect((await rules.list(workspaceId)).data).toHaveLength(1);
  });

  it('raises one alert per matching rule and one case for a detractor, once however often the event comes', async () => {
    await t.get(AlertRuleService).create(workspaceId, { name: 'Low', kind: 'response', metric: 'nps', scoreAtMost: 4 });
    const response = await createResponse(t, { workspaceId, touchpoint, score: 2 });
    const alerts = t.get(ResponseAlertService);
    await alerts.onResponse(responseEvent(response.id));
    await alerts.onResponse(responseEvent(response.id));

    expect(await t.prisma.alert.count({ where: { responseId: response.id } })).toBe(2); // the default rule and "Low"
    expect(await t.prisma.case.count({ where: { responseId: response.id } })).toBe(1);
    expect(await outbox('alert.triggered')).toBe(2);
    expect(await outbox('case.opened')).toBe(1);

    const promoter = await createResponse(t, { workspaceId, touchpoint, score: 10 });
    await alerts.onResponse(responseEvent(promoter.id));
    expect(await t.prisma.alert.count({ where: { responseId: promoter.id } })).toBe(0);
  });

  it('concurrent runs for one detractor commit its alerts, one case and their outbox rows once, in one piece', async () => {
    const users = await Promise.all(
      (['admin', 'manager', 'viewer'] as const).map((role, i) =>
        t.prisma.user.create({ data: { workspaceId, email: `u${i}-${Date.now()}@example.com`, passwordHash: 'x', role } }),
      ),
    );
    await t.prisma.user.update({ where: { id: users[1].id }, data: { notifyOnCase: false } });
    const person = await t.prisma.person.create({ data: { workspaceId, email: `p-${Date.now()}@example.com` } });
    const response = await createResponse(t, { workspaceId, touchpoint, score: 1, personId: person.id });
    const alerts = t.get(ResponseAlertService);
    await Promise.all(Array.from({ length: 4 }, () => alerts.onResponse(responseEvent(response.id))));

    const raised = await t.prisma.alert.findMany({ where: { responseId: response.id } });
    expect(raised).toHaveLength(2);
    const [opened] = await t.prisma.case.findMany({ where: { responseId: response.id } });
    expect(await t.prisma.case.count({ where: { responseId: response.id } })).toBe(1);
    expect(opened).toMatchObject({ workspaceId, status: 'open', personId: person.id, touchpointId: touchpoint.id });
    expect(raised.map((a) => a.id)).toContain(opened.alertId);
    const sla = (await t.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).caseSlaHours;
    expect(Math.abs(opened.dueAt!.getTime() - opened.createdAt.getTime() - sla * 3_600_000)).toBeLessThan(1_000);
    expect(Math.abs(opened.createdAt.getTime() - Date.now())).toBeLessThan(60_000);

    const rows = await t.prisma.outboxEvent.findMany({
      where: { workspaceId, createdAt: { gte: opened.createdAt } },
      orderBy: { seq: 'asc' },
    });
    const mine = rows.filter((r) => JSON.stringify(r.payload).includes(response.id) || JSON.stringify(r.payload).includes(opened.id));
    expect(mine.map((r) => r.topic)).toEqual(['alert.triggered', 'alert.triggered', 'case.opened', 'job']);
    expect(
      mine
        .slice(0, 2)
        .map((r) => (r.payload as { alertId: string }).alertId)
        .sort(),
    ).toEqual(raised.map((a) => a.id).sort());
    expect(mine[2].payload).toEqual({ caseId: opened.id, responseId: response.id, status: 'open' });
    // Only the admin wants mail: the manager opted out and viewers get none.
    expect(mine[3].payload).toEqual({
      job: { name: 'send-case-email', data: { caseId: opened.id, userId: users[0].id } },
      jobId: `case-mail-${opened.id}-${users[0].id}`,
      runAt: null,
    });
  });

  it('fires a score_drop alert once per crossing, even when evaluations run concurrently', async () => {
    const { touchpoint: watched } = await createTouchpointWithJourney(t, workspaceId);
    const rule = await t
      .get(AlertRuleService)
      .create(workspaceId, { name: 'Drop', kind: 'score_drop', metric: 'nps', touchpointId: watched.id, below: 0, minResponses: 3 });
    const drops = t.get(ScoreDropService);
    for (const score of [1, 2]) await createResponse(t, { workspaceId, touchpoint: watched, score });
    expect(await drops.evaluate(rule.id)).toBe(false); // too few answers decide nothing
    await createResponse(t, { workspaceId, touchpoint: watched, score: 3 });

    const fired = await Promise.all([drops.evaluate(rule.id), drops.evaluate(rule.id), drops.evaluate(rule.id)]);
    expect(fired.filter(Boolean)).toHaveLength(1);
    expect(await t.prisma.alert.findMany({ where: { ruleId: rule.id } })).toEqual([
      expect.objectContaining({ kind: 'score_drop', value: -100 }),
    ]);
    expect((await t.prisma.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).triggered).toBe(true);

    // Back above the threshold re-arms the rule without an alert.
    for (let i = 0; i < 6; i++) await createResponse(t, { workspaceId, touchpoint: watched, score: 10 });
    expect(await drops.evaluate(rule.id)).toBe(false);
    expect((await t.prisma.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).triggered).toBe(false);
  });
});
