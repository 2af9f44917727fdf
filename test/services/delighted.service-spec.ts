import { NotFoundException } from '@nestjs/common';
import {
  DELIGHTED_TOUCHPOINT_KEY,
  DelightedImportService,
  DelightedModule,
  DelightedPeopleService,
  DelightedResponseWriter,
  DelightedSurveyService,
  DelightedValidationError,
  ImportRow,
} from '@cairn/delighted';
import { RollupRepository } from '@cairn/scoring';
import { createPerson, createWorkspace, unique } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe("Delighted's API services (service tier)", () => {
  let t: ServiceTest;

  beforeAll(async () => {
    t = await createServiceTest([DelightedModule]);
  });
  afterAll(() => t?.close());

  it('creates the Delighted survey once, however many first calls race for it', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const surveys = await Promise.all(Array.from({ length: 4 }, () => t.get(DelightedSurveyService).resolve(workspaceId)));
    expect(new Set(surveys.map((s) => s.id)).size).toBe(1);
    expect(await t.prisma.survey.count({ where: { workspaceId } })).toBe(1);
    expect(await t.prisma.touchpoint.count({ where: { workspaceId, key: DELIGHTED_TOUCHPOINT_KEY } })).toBe(1);
    expect(await t.prisma.journey.count({ where: { workspaceId, name: 'Delighted' } })).toBe(1);
    expect((await t.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).delightedSurveyId).toBe(surveys[0].id);
    // `trend` names another touchpoint by key; an unknown one finds none.
    expect((await t.get(DelightedSurveyService).scope(workspaceId, DELIGHTED_TOUCHPOINT_KEY))?.id).toBe(surveys[0].touchpointId);
    expect(await t.get(DelightedSurveyService).scope(workspaceId, 'nope')).toBeNull();
  });

  it('stores one person per phone number when requests for a new number race, merging their properties', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const people = t.get(DelightedPeopleService);
    const phone = '+46701234567';
    await Promise.all(
      ['a', 'b', 'c'].map((key) => people.create(workspaceId, { phone_number: phone, send: 'false', properties: { [key]: key } })),
    );
    const rows = await t.prisma.person.findMany({ where: { workspaceId, phoneNumber: phone } });
    expect(rows).toHaveLength(1);
    expect(rows[0].email).toBeNull();
    expect(rows[0].properties).toEqual({ a: 'a', b: 'b', c: 'c' });
  });

  it('moves a person to a new address, and refuses an address someone else has (422)', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const ada = await createPerson(t, workspaceId);
    const bob = await createPerson(t, workspaceId);
    const people = t.get(DelightedPeopleService);
    await expect(people.create(workspaceId, { email: ada.email, email_update: bob.email, send: 'false' })).rejects.toThrow(
      DelightedValidationError,
    );
    expect((await t.prisma.person.findUniqueOrThrow({ where: { id: ada.id } })).email).toBe(ada.email);
    const moved = `${unique('moved')}@example.com`;
    await people.create(workspaceId, { email: ada.email, email_update: moved, send: 'false' });
    expect(await t.prisma.person.findUniqueOrThrow({ where: { id: ada.id } })).toMatchObject({ email: moved, name: ada.name });
  });

  it('edits a response under its lock: rollups move with the score, no-op edits announce nothing, other workspaces see 404', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const survey = await t.get(DelightedSurveyService).resolve(workspaceId);
    const writer = t.get(DelightedResponseWriter);
    const target = {
      workspaceId,
      surveyId: survey.id,
      personId: null,
      touchpointId: survey.touchpointId,
      stageId: survey.touchpoint.stageId,
      journeyId: survey.touchpoint.journeyId,
      metric: survey.metric,
      locale: null,
      source: 'api' as const,
      personProperties: {},
    };
    const createdAt = new Date(Date.now() - 3 * 86_400_000);
    const row = await writer.create(target, { score: 9, comment: null }, createdAt);
    expect(row.createdAt).toEqual(createdAt);
    const counts = async () => {
      await t.get(RollupRepository).foldAll();
      return Object.fromEntries(
        (await t.prisma.scoreRollup.findMany({ where: { touchpointId: survey.touchpointId } })).map((r) => [r.score, r.count]),
      );
    };
    expect(await counts()).toEqual({ 9: 1 });

    await Promise.all([writer.update(workspaceId, row.id, { score: 2 }), writer.update(workspaceId, row.id, { comment: 'Meh' })]);
    expect(await t.prisma.response.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ score: 2, comment: 'Meh' });
    expect(await counts()).toEqual({ 9: 0, 2: 1 });
    const updates = () =>
      t.prisma.outboxEvent.count({ where: { topic: 'response.updated', payload: { path: ['responseId'], equals: row.id } } });
    expect(await updates()).toBe(2);
    await writer.update(workspaceId, row.id, { score: 2 });
    expect(await updates()).toBe(2);

    const other = (await createWorkspace(t)).id;
    await expect(writer.update(other, row.id, { score: 10 })).rejects.toThrow(NotFoundException);
    expect((await t.prisma.response.findUniqueOrThrow({ where: { id: row.id } })).score).toBe(2);
  });

  it('imports past responses once: a second run skips rows it imported before and announces none', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const row = (line: number, externalId: string, score: number): ImportRow => ({
      line,
      externalId,
      score,
      comment: null,
      email: `${externalId}@example.com`,
      name: null,
      surveyType: 'nps',
      createdAt: new Date(Date.now() - line * 86_400_000),
      properties: { plan: 'pro' },
    });
    // Line 4 repeats line 1's Delighted id in the same file: skipped like a row imported before.
    const rows = [row(1, 'r1', 10), row(2, 'r2', 6), { ...row(3, 'r3', 11) }, row(4, 'r1', 5)];
    const importer = t.get(DelightedImportService);
    const first = await importer.import(workspaceId, rows);
    expect(first).toMatchObject({ imported: 2, skipped: 1, failed: [{ line: 3 }] });
    expect(await importer.import(workspaceId, rows)).toMatchObject({ imported: 0, skipped: 3 });
    expect(await t.prisma.response.count({ where: { workspaceId, source: 'import' } })).toBe(2);
    expect(await t.prisma.response.findFirst({ where: { workspaceId, externalId: 'delighted:r1' } })).toMatchObject({ score: 10 });
    expect(await t.prisma.outboxEvent.count({ where: { workspaceId, topic: { startsWith: 'response.' } } })).toBe(0);
  });
});
