import { ConflictException, NotFoundException } from '@nestjs/common';
import { JourneyModule, JourneyService, TouchpointService } from '@cairn/journey';
import { ResponsesModule } from '@cairn/responses';
import { createJourney, createResponse, createTouchpoint, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('TouchpointService and JourneyService (service tier)', () => {
  let t: ServiceTest;
  let workspaceId: string;

  beforeAll(async () => {
    // ResponsesModule only for the response factory.
    t = await createServiceTest([JourneyModule, ResponsesModule]);
    workspaceId = (await createWorkspace(t)).id;
  });
  afterAll(() => t?.close());

  it('numbers touchpoints per stage and refuses a key already used in the workspace with a 409', async () => {
    const journey = await createJourney(t, workspaceId, { stages: ['A', 'B'] });
    const first = await createTouchpoint(t, workspaceId, { stageId: journey.stages[0].id, key: 'tp-first' });
    const second = await createTouchpoint(t, workspaceId, { stageId: journey.stages[0].id });
    const other = await createTouchpoint(t, workspaceId, { stageId: journey.stages[1].id });
    expect([first.position, second.position, other.position]).toEqual([0, 1, 0]);

    await expect(createTouchpoint(t, workspaceId, { stageId: journey.stages[1].id, key: 'tp-first' })).rejects.toThrow(ConflictException);
    expect(await t.prisma.touchpoint.count({ where: { workspaceId, key: 'tp-first' } })).toBe(1);
  });

  it('keeps another workspace out: its touchpoint is not found, and its stage cannot take ours', async () => {
    const other = await createWorkspace(t);
    const { touchpoint } = await createTouchpointWithJourney(t, other.id);
    const service = t.get(TouchpointService);
    await expect(service.get(workspaceId, touchpoint.id)).rejects.toThrow(NotFoundException);
    await expect(service.delete(workspaceId, touchpoint.id)).rejects.toThrow(NotFoundException);
    expect(await t.prisma.touchpoint.count({ where: { id: touchpoint.id } })).toBe(1);
  });

  it('refuses to delete a touchpoint that has a response, and deletes an unused one', async () => {
    const { journey, touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    await createResponse(t, { workspaceId, touchpoint, score: 9 });
    const service = t.get(TouchpointService);
    await expect(service.delete(workspaceId, touchpoint.id)).rejects.toThrow(ConflictException);

    const unused = await createTouchpoint(t, workspaceId, { stageId: journey.stages[0].id });
    await service.delete(workspaceId, unused.id);
    expect(await t.prisma.touchpoint.count({ where: { id: unused.id } })).toBe(0);
  });

  it('inserts a stage at the asked position and renumbers the others, under the journey lock', async () => {
    const journey = await createJourney(t, workspaceId, { stages: ['A', 'B', 'C'] });
    const service = t.get(JourneyService);
    // Two concurrent inserts at the front: the journey row lock serialises them, so positions stay a dense 0..4.
    await Promise.all([
      service.addStage(workspaceId, journey.id, { name: 'X', position: 0 }),
      service.addStage(workspaceId, journey.id, { name: 'Y', position: 0 }),
    ]);
    const stages = await t.prisma.stage.findMany({ where: { journeyId: journey.id }, orderBy: { position: 'asc' } });
    expect(stages.map((s) => s.position)).toEqual([0, 1, 2, 3, 4]);
    expect(stages.slice(2).map((s) => s.name)).toEqual(['A', 'B', 'C']);
    expect(new Set(stages.slice(0, 2).map((s) => s.name))).toEqual(new Set(['X', 'Y']));

    const withTouchpoint = stages[2];
    await createTouchpoint(t, workspaceId, { stageId: withTouchpoint.id });
    await expect(service.deleteStage(workspaceId, withTouchpoint.id)).rejects.toThrow(ConflictException);
    await service.deleteStage(workspaceId, stages[0].id);
    const after = await t.prisma.stage.findMany({ where: { journeyId: journey.id }, orderBy: { position: 'asc' } });
    expect(after.map((s) => s.position)).toEqual([0, 1, 2, 3]);
  });
});
