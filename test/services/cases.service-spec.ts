import { BadRequestException, NotFoundException } from '@nestjs/common';
import { AlertsModule } from '@cairn/alerts';
import type { AuthContext } from '@cairn/auth';
import { CaseService } from '@cairn/cases';
import { JourneyModule } from '@cairn/journey';
import { createCase, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('CaseService (service tier)', () => {
  let t: ServiceTest;
  let workspaceId: string;
  let touchpoint: { id: string; stageId: string; journeyId: string };
  const manager = (name: string): AuthContext => ({ workspaceId, role: 'manager', actor: `user:${name}`, actorName: name });

  beforeAll(async () => {
    // AlertsModule opens cases from detractor answers (and brings CasesModule); JourneyModule serves the factories.
    t = await createServiceTest([AlertsModule, JourneyModule]);
    workspaceId = (await createWorkspace(t)).id;
    touchpoint = (await createTouchpointWithJourney(t, workspaceId)).touchpoint;
  });
  afterAll(() => t?.close());

  const updates = (caseId: string) =>
    t.prisma.outboxEvent.findMany({
      where: { topic: 'case.updated', payload: { path: ['caseId'], equals: caseId } },
      orderBy: { seq: 'asc' },
    });

  it('records concurrent edits one after the other: each event names the status it replaced', async () => {
    const { case: opened } = await createCase(t, { workspaceId, touchpoint });
    const cases = t.get(CaseService);
    await Promise.all([
      cases.update(manager('ann'), opened.id, { status: 'in_progress', note: 'calling them' }),
      cases.update(manager('bob'), opened.id, { status: 'resolved', assignee: 'bob' }),
    ]);
    const events = (await updates(opened.id)).map((e) => e.payload as { status: string; previousStatus: string });
    expect(events).toHaveLength(2);
    // Under the row lock the second edit sees the first: the statuses chain, none is lost.
    expect(events[1].previousStatus).toBe(events[0].status);
    expect(events[0].previousStatus).toBe('open');

    const row = await cases.get(workspaceId, opened.id);
    expect(row.notes).toEqual([expect.objectContaining({ author: 'ann', body: 'calling them' })]);
    expect(row.resolvedAt === null).toBe(row.status !== 'resolved');
  });

  it('writes nothing for an edit that changes nothing, and refuses an empty one or a foreign case', async () => {
    const { case: opened } = await createCase(t, { workspaceId, touchpoint });
    const cases = t.get(CaseService);
    await cases.update(manager('ann'), opened.id, { status: 'open' });
    expect(await updates(opened.id)).toHaveLength(0);
    await expect(cases.update(manager('ann'), opened.id, {})).rejects.toThrow(BadRequestException);

    const other = await createWorkspace(t);
    const foreign = { ...manager('eve'), workspaceId: other.id };
    await expect(t.get(CaseService).update(foreign, opened.id, { status: 'resolved' })).rejects.toThrow(NotFoundException);
    expect((await cases.get(workspaceId, opened.id)).status).toBe('open');
  });
});
