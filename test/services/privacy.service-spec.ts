import { NotFoundException } from '@nestjs/common';
import { emailHash } from '@cairn/common';
import { historyPartitioned } from '@cairn/config';
import { DistributionModule } from '@cairn/distribution';
import { ErasureService, HistoryPartitionsService, PrivacyModule, RetentionService } from '@cairn/privacy';
import { ResponsesModule } from '@cairn/responses';
import { SurveyModule } from '@cairn/survey';
import { WorkspaceRepository } from '@cairn/workspace';
import { createResponse, createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createInvitation } from '../factories/invitation.factory';
import { createServiceTest, ServiceTest } from '../utils/service-test';

describe('ErasureService and RetentionService (service tier)', () => {
  let t: ServiceTest;
  const trigger = 'order.delivered';

  beforeAll(async () => {
    t = await createServiceTest([PrivacyModule, DistributionModule, SurveyModule, ResponsesModule]);
  });
  afterAll(() => t?.close());

  async function surveyed(workspaceId: string) {
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    const survey = await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: trigger, delaySeconds: 3600 } });
    const invitation = await createInvitation(t, workspaceId, { trigger, surveyId: survey.id, name: 'Ada Lovelace' });
    const personId = (await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).personId;
    return { touchpoint, survey, invitation, personId };
  }

  it('erases a person: invitation cancelled, answers unlinked, address kept only as a suppressed hash', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const { touchpoint, invitation, personId } = await surveyed(workspaceId);
    const answer = await createResponse(t, { workspaceId, touchpoint, personId, score: 3, comment: 'Ada here, call me' });

    const result = await t.get(ErasureService).erase(workspaceId, personId);

    expect(result).toMatchObject({ id: personId, responsesAnonymised: 1, invitationsCancelled: 1, webhookDeliveriesRedacted: 0 });
    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({
      status: 'cancelled',
      reason: 'erased',
    });
    expect(await t.prisma.response.findUniqueOrThrow({ where: { id: answer.id } })).toMatchObject({
      personId: null,
      comment: null,
      score: 3,
      anonymisedAt: result.erasedAt,
    });
    expect(await t.prisma.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({
      email: null,
      emailHash: null,
      name: null,
      erasedAt: result.erasedAt,
    });
    expect(await t.prisma.suppression.findMany({ where: { workspaceId } })).toEqual([
      expect.objectContaining({ emailHash: emailHash(invitation.email), email: null, reason: 'erased' }),
    ]);
    // A tombstone is not erased twice.
    await expect(t.get(ErasureService).erase(workspaceId, personId)).rejects.toThrow(NotFoundException);
  });

  it("refuses another workspace's person and changes nothing of it", async () => {
    const workspaceId = (await createWorkspace(t)).id;
    const other = (await createWorkspace(t)).id;
    const { invitation, personId } = await surveyed(other);
    await expect(t.get(ErasureService).erase(workspaceId, personId)).rejects.toThrow(NotFoundException);
    expect(await t.prisma.person.findUniqueOrThrow({ where: { id: personId } })).toMatchObject({ email: invitation.email, erasedAt: null });
    expect((await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe('scheduled');
  });

  it('retention unlinks and blanks answers older than the workspace keeps, and only those', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    await t.get(WorkspaceRepository).update(workspaceId, { retentionMonths: 1 });
    const { touchpoint, personId } = await surveyed(workspaceId);
    const old = await createResponse(t, { workspaceId, touchpoint, personId, score: 9, comment: 'old news' });
    const recent = await createResponse(t, { workspaceId, touchpoint, personId, score: 10, comment: 'fresh' });
    // Back-dated after the fact: the recorder dates answers now.
    await t.prisma.response.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - 62 * 86_400_000) } });

    expect(await t.get(RetentionService).apply()).toBe(1);

    expect(await t.prisma.response.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      personId: null,
      comment: null,
      score: 9,
      anonymisedAt: expect.any(Date),
    });
    expect(await t.prisma.response.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({
      personId,
      comment: 'fresh',
      anonymisedAt: null,
    });
    // Nothing left to do on a second run.
    expect(await t.get(RetentionService).apply()).toBe(0);
  });

  it("retention redacts each answer in a batch with its own person's identifiers, not its neighbours'", async () => {
    const workspaceId = (await createWorkspace(t)).id;
    await t.get(WorkspaceRepository).update(workspaceId, { retentionMonths: 1 });
    const { touchpoint } = await surveyed(workspaceId);
    const person = (email: string, name: string) => t.prisma.person.create({ data: { workspaceId, email, name } });
    const ada = await person('ada@example.com', 'Ada Lovelace');
    const bob = await person('bob@example.com', 'Bob Babbage');
    // Each snapshot holds the person's own address and the other's; each note quotes its own answer and names the other.
    const answer = async (who: { id: string; email: string | null }, other: string, comment: string) => {
      const response = await createResponse(t, { workspaceId, touchpoint, personId: who.id, score: 3, comment });
      await t.prisma.response.update({
        where: { id: response.id },
        data: { createdAt: new Date(Date.now() - 62 * 86_400_000), personProperties: { backup: who.email, referrer: other } },
      });
      const kase = await t.prisma.case.create({
        data: {
          workspaceId,
          responseId: response.id,
          personId: who.id,
          notes: { create: { author: 'cx', body: `Said "${comment}"; ask ${other}` } },
        },
      });
      return { response, kase };
    };
    const fromAda = await answer(ada, 'bob@example.com', 'the courier lost my parcel');
    const fromBob = await answer(bob, 'ada@example.com', 'the box arrived crushed');

    expect(await t.get(RetentionService).apply()).toBe(2);

    for (const [mine, other, comment] of [
      [fromAda, 'bob@example.com', 'the courier lost my parcel'],
      [fromBob, 'ada@example.com', 'the box arrived crushed'],
    ] as const) {
      expect(await t.prisma.response.findUniqueOrThrow({ where: { id: mine.response.id } })).toMatchObject({
        personId: null,
        comment: null,
        personProperties: { referrer: other },
      });
      expect(await t.prisma.case.findUniqueOrThrow({ where: { id: mine.kase.id } })).toMatchObject({ personId: null });
      const [note] = await t.prisma.caseNote.findMany({ where: { caseId: mine.kase.id } });
      expect(note.body).not.toContain(comment);
      expect(note.body).toContain(other);
    }
  });

  it('retention walks a run past its batch size: every expired answer of a large workspace in one run', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    await t.get(WorkspaceRepository).update(workspaceId, { retentionMonths: 1 });
    const { touchpoint, personId } = await surveyed(workspaceId);
    // 2,345 expired answers (more than two batches, a part-filled last one) and one recent.
    await t.prisma.$executeRaw`
      INSERT INTO responses (id, workspace_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max, score, source,
                             person_id, comment, created_at, updated_at)
      SELECT 'old-' || n, ${workspaceId}, ${touchpoint.id}, ${touchpoint.stageId}, ${touchpoint.journeyId}, 'nps', 0, 10, n % 11, 'email',
             ${personId}, 'comment ' || n, now() - interval '90 days' + n * interval '1 second', now()
      FROM generate_series(1, 2345) n`;
    const recent = await createResponse(t, { workspaceId, touchpoint, personId, score: 10, comment: 'fresh' });

    expect(await t.get(RetentionService).apply()).toBe(2345);

    const left = await t.prisma.response.count({ where: { workspaceId, OR: [{ comment: { not: null } }, { personId: { not: null } }] } });
    expect(left).toBe(1);
    expect(await t.prisma.response.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({ comment: 'fresh', personId });
    expect(await t.get(RetentionService).apply()).toBe(0);
  });

  it('makes partitions only where the tables are partitioned: on plain tables the hourly job does nothing', async () => {
    expect(await t.get(HistoryPartitionsService).maintain()).toEqual({ blocked: [], dropped: [] });
    const [{ schema }] = await t.prisma.$queryRaw<
      Array<{ schema: string | null }>
    >`SELECT to_regnamespace('cairn_history')::text AS schema`;
    // npm test's template has plain tables; npm run test:partitioned's (HISTORY_PARTITIONED=true) partitioned ones.
    expect(schema).toBe(historyPartitioned() ? 'cairn_history' : null);
  });
});
