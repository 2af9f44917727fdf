import { NotFoundException } from '@nestjs/common';
import { Client } from 'pg';
import { emailHash, uuid7 } from '@cairn/common';
import { historyPartitioned } from '@cairn/config';
import { DistributionModule } from '@cairn/distribution';
import { lowerRetentionMarks, type Tx } from '@cairn/database';
import { ErasureService, HistoryPartitionsService, PrivacyModule, RetentionService } from '@cairn/privacy';
import { PastAnswerRepository, ResponseImportModule, ResponsesModule } from '@cairn/responses';
import { SurveyModule } from '@cairn/survey';
import { WorkspaceRepository } from '@cairn/workspace';
import { createPastResponse, createResponse, createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createInvitation } from '../factories/invitation.factory';
import { createServiceTest, ServiceTest } from '../utils/service-test';
import { waitForLockWait } from '../utils/wait-for';

describe('ErasureService and RetentionService (service tier)', () => {
  let t: ServiceTest;
  const trigger = 'order.delivered';

  beforeAll(async () => {
    t = await createServiceTest([PrivacyModule, DistributionModule, SurveyModule, ResponsesModule, ResponseImportModule]);
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
    const old = await createPastResponse(t, {
      workspaceId,
      touchpoint,
      personId,
      score: 9,
      comment: 'old news',
      createdAt: new Date(Date.now() - 62 * 86_400_000),
    });
    const recent = await createResponse(t, { workspaceId, touchpoint, personId, score: 10, comment: 'fresh' });

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
      const response = await createPastResponse(t, {
        workspaceId,
        touchpoint,
        personId: who.id,
        score: 3,
        comment,
        createdAt: new Date(Date.now() - 62 * 86_400_000),
        personProperties: { backup: who.email, referrer: other },
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

  describe("retention's mark: a run walks what expired since the last, not the years before", () => {
    const DAY = 86_400_000;
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
    const markOf = async (workspaceId: string) =>
      (await t.prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).retentionCheckedUntil;
    const setMark = (workspaceId: string, at: Date) =>
      t.prisma.workspace.update({ where: { id: workspaceId }, data: { retentionCheckedUntil: at } });
    const linked = async (workspaceId: string) =>
      (await t.prisma.response.findMany({ where: { workspaceId, OR: [{ comment: { not: null } }, { personId: { not: null } }] } })).map(
        (r) => r.comment,
      );
    const step = () => {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      return { promise, resolve };
    };

    async function retained() {
      const workspaceId = (await createWorkspace(t)).id;
      await t.get(WorkspaceRepository).update(workspaceId, { retentionMonths: 1 });
      const { touchpoint, personId } = await surveyed(workspaceId);
      /** An answer dated `at` behind every writer's back: its retention mark is not lowered. */
      const planted = (at: Date, comment: string) =>
        createPastResponse(t, { workspaceId, touchpoint, personId, score: 9, comment, createdAt: at });
      /** A back-dated answer as an import writes it (PastAnswerRepository: the writer of answers dated in the past). */
      const imported = (tx: Tx, at: Date, comment: string) =>
        t.get(PastAnswerRepository).insertMany(tx, [
          {
            id: uuid7(at.getTime()),
            target: {
              workspaceId,
              surveyId: null,
              personId,
              touchpointId: touchpoint.id,
              stageId: touchpoint.stageId,
              journeyId: touchpoint.journeyId,
              metric: 'nps',
              locale: 'en',
              source: 'import',
              personProperties: {},
            },
            score: 4,
            comment,
            createdAt: at,
            externalId: null,
          },
        ]);
      /**
       * An import held open between its two statements: the back-dated row is inserted at once; `mark()` runs
       * the mark's statement (lowerRetentionMarks, as insertMany does after its insert); `commit()` commits.
       */
      const openImport = async (at: Date, comment: string) => {
        const [inserted, markGate, marked, commitGate] = [step(), step(), step(), step()];
        const done = t.prisma.$transaction(
          async (tx) => {
            await tx.$executeRaw`
              INSERT INTO responses (id, workspace_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max, score,
                                     source, person_id, comment, created_at, updated_at)
              VALUES (${uuid7(at.getTime())}, ${workspaceId}, ${touchpoint.id}, ${touchpoint.stageId}, ${touchpoint.journeyId}, 'nps',
                      0, 10, 4, 'import', ${personId}, ${comment}, ${at.toISOString()}::timestamp, ${at.toISOString()}::timestamp)`;
            inserted.resolve();
            await markGate.promise;
            await tx.$executeRaw(lowerRetentionMarks([{ workspaceId, createdAt: at }])!);
            marked.resolve();
            await commitGate.promise;
          },
          { timeout: 120_000 },
        );
        await inserted.promise;
        return {
          mark: async () => (markGate.resolve(), await marked.promise),
          commit: async () => (commitGate.resolve(), await done),
        };
      };
      return { workspaceId, planted, imported, openImport };
    }

    it('moves the mark to the cutoff after a whole run, and the next run does not walk below it', async () => {
      const { workspaceId, planted } = await retained();
      await planted(daysAgo(90), 'old news');
      expect(await markOf(workspaceId)).toBeNull();

      expect(await t.get(RetentionService).apply()).toBe(1);

      // The cutoff: one calendar month before the run.
      const mark = (await markOf(workspaceId))!.getTime();
      expect(mark).toBeGreaterThan(Date.now() - 32 * DAY);
      expect(mark).toBeLessThan(Date.now() - 27 * DAY);
      // An answer put below the mark by no writer at all (a hand-made UPDATE) is not walked to: a run reads only
      // what expired since the last. Every writer of back-dated answers lowers the mark (the next tests).
      await planted(daysAgo(60), 'behind the mark');
      expect(await t.get(RetentionService).apply()).toBe(0);
      expect(await linked(workspaceId)).toEqual(['behind the mark']);
    });

    it('an import of answers older than the mark lowers it, and the next run anonymises them', async () => {
      const { workspaceId, planted, imported } = await retained();
      await planted(daysAgo(90), 'old news');
      // Before a first run there is no mark to lower: the run walks from the first answer.
      await t.prisma.$transaction((tx) => imported(tx, daysAgo(300), 'imported before any run'));
      expect(await markOf(workspaceId)).toBeNull();
      expect(await t.get(RetentionService).apply()).toBe(2);
      const mark = (await markOf(workspaceId))!;
      const at = daysAgo(200);

      await t.prisma.$transaction((tx) => imported(tx, at, 'imported from the old tool'));

      expect(await markOf(workspaceId)).toEqual(at);
      expect(await t.get(RetentionService).apply()).toBe(1);
      expect(await linked(workspaceId)).toEqual([]);
      expect((await markOf(workspaceId))!.getTime()).toBeGreaterThanOrEqual(mark.getTime());
    });

    it('an answer locked while a run passes keeps the mark below it; the next run takes it', async () => {
      const { workspaceId, planted } = await retained();
      const lockedAt = daysAgo(90);
      const locked = await planted(lockedAt, 'being edited');
      await planted(daysAgo(80), 'old news');
      const editor = new Client({ connectionString: t.config.databaseUrl });
      await editor.connect();
      try {
        await editor.query('BEGIN');
        await editor.query('SELECT 1 FROM responses WHERE id = $1 FOR UPDATE', [locked.id]);
        expect(await t.get(RetentionService).apply()).toBe(1);
        await editor.query('COMMIT');
      } finally {
        await editor.end();
      }
      expect(await markOf(workspaceId)).toEqual(lockedAt);
      expect(await t.get(RetentionService).apply()).toBe(1);
      expect(await linked(workspaceId)).toEqual([]);
    });

    it('an import committing while a run moves the mark is not passed over, whichever of the two goes first', async () => {
      const { workspaceId, planted, openImport } = await retained();
      await planted(daysAgo(120), 'old news');
      expect(await t.get(RetentionService).apply()).toBe(1);
      // As if the last run was 70 days ago: the next walks from 100 days back to the cutoff (~30).
      await setMark(workspaceId, daysAgo(100));
      // Two imports of answers in that range, neither committed while the run walks. One has run its mark's
      // statement (so holds the workspace row); the other runs it only after the run moved the mark.
      const holdingAt = daysAgo(50);
      const lateAt = daysAgo(55);
      const late = await openImport(lateAt, 'late import');
      const holding = await openImport(holdingAt, 'holding import');
      await holding.mark();

      const run = t.get(RetentionService).apply();
      await waitForLockWait(t.prisma, 'the run waiting for the workspace row', 30_000);
      await holding.commit();
      expect(await run).toBe(0);
      // The run read what is left only once the holding import had committed: the mark stops at its answer.
      expect(await markOf(workspaceId)).toEqual(holdingAt);
      await late.mark();
      await late.commit();
      expect(await markOf(workspaceId)).toEqual(lateAt);

      expect(await t.get(RetentionService).apply()).toBe(2);
      expect(await linked(workspaceId)).toEqual([]);
    });
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
