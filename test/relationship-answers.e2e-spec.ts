import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RollupRepository } from '@cairn/scoring';
import { recordResponses, seedPlace, type Place } from './closed-loop.fixtures';
import { askCohort, createRelationshipSurvey, type Asked } from './relationship-answers.fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';

const DAY = 86_400_000;
const CLICK_WINDOW_MS = 1_500;

/**
 * Answers to relationship surveys (issue 15) through the links of the emails the worker sent: the page, the one-click
 * answer, the form, edits; where they go (closed loop, list, CSV) and where they do not (touchpoint, stage and journey
 * scores, rollups, the map). Real Postgres, Redis, worker, SMTP server and webhook receiver.
 */
describe('relationship surveys: answers are recorded', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let secret: string;
  let place: Place;
  let surveyId: string;
  let asked: Asked[];
  let workspaceName: string;
  const range = { since: new Date(Date.now() - 7 * DAY).toISOString(), until: new Date(Date.now() + DAY).toISOString() };

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    ctx = await startTestApi({ smtpUrl: sink.url, answering: { clickWindowMs: CLICK_WINDOW_MS, settleAfterMs: 1_000 } });
    worker = await startTestWorker(ctx.config);
    workspaceName = (await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } })).name;
    secret = (
      await ctx
        .api('post', '/api/v1/webhooks')
        .send({ url: receiver.url('/rel'), events: ['response.created', 'response.updated', 'response.detractor'] })
        .expect(201)
    ).body.secret;
    // A journey whose touchpoint has four answers: NPS (3 promoters − 0 detractors) / 4 = 75, by hand.
    place = await seedPlace(ctx);
    await recordResponses(ctx, place, [10, 9, 9, 7]);
    // A response rule scoped to that touchpoint that any NPS answer would meet: it must not see relationship answers.
    await ctx
      .api('post', '/api/v1/alert-rules')
      .send({ name: 'Checkout, every answer', kind: 'response', metric: 'nps', scoreAtMost: 10, touchpointId: place.touchpoint.id })
      .expect(201);
    surveyId = await createRelationshipSurvey(ctx, place.journey.id, 'rel-answers');
    asked = await askCohort(ctx, worker, sink, surveyId, 'rel-answers', [
      { locale: 'en', name: 'Ella' },
      { locale: 'sv', name: 'Sigrid' },
      {},
    ]);
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await sink?.close();
    await receiver?.close();
  });

  const responsesOf = (invitationId: string) => ctx.prisma.response.findMany({ where: { invitationId } });
  const hooks = (responseId: string) =>
    receiver
      .to('/rel')
      .map((hit) => receiver.verify(secret, hit))
      .filter((b) => b.data.response?.id === responseId);
  const scoresOf = async () => {
    const q = `metric=nps&since=${range.since}&until=${range.until}`;
    const read = async (target: string) => (await ctx.api('get', `/api/v1/scores?${target}&${q}`).expect(200)).body;
    return {
      touchpoint: await read(`touchpointId=${place.touchpoint.id}`),
      stage: await read(`stageId=${place.stage.id}`),
      journey: await read(`journeyId=${place.journey.id}`),
      map: (await ctx.api('get', `/api/v1/journeys/${place.journey.id}/map`).query(range).expect(200)).body,
    };
  };

  it('the email link opens the page in the person’s language and a GET never records', async () => {
    const [ella, sigrid, third] = asked;
    for (const person of asked) expect(person.links.size).toBe(11);
    // The default relationship question (the survey has none of its own), in Swedish and in English.
    const page = await ctx.http().get(`/r/${sigrid.token}`).expect(200);
    expect(page.text).toContain(`Hur troligt är det att du skulle rekommendera ${workspaceName} till en vän eller kollega?`);
    const english = await ctx.http().get(`/r/${ella.token}?score=3`).expect(200);
    expect(english.text).toContain(`How likely are you to recommend ${workspaceName} to a friend or colleague?`);
    for (const score of [0, 5, 9]) await ctx.http().get(`/r/${third.token}?score=${score}`).expect(200);
    await ctx.http().head(`/r/${third.token}?score=10`).expect(200);
    for (const person of asked) expect(await responsesOf(person.invitationId)).toHaveLength(0);
  });

  it('one click in the email records the answer: no touchpoint, no stage, the survey’s journey; scores unchanged', async () => {
    const before = await scoresOf();
    expect(before.touchpoint).toMatchObject({ n: 4, nps: 75 });
    expect(before.stage).toMatchObject({ n: 4, nps: 75 });
    expect(before.journey).toMatchObject({ n: 4, nps: 75 });

    const [ella] = asked;
    // The person opens the email's link for 3 and the page's script reports the click once seen: the click is held,
    // then counted by the worker after its window, if the only score opened within the window around it is its own.
    // The open is made here, just before the report, as a person's is: the open of the first test could be more than
    // the window ago on a loaded machine, and the click would then rightly count for nothing (seen in CI).
    await ctx.http().get(`/r/${ella.token}?score=3`).expect(200);
    await ctx.http().post(`/r/${ella.token}`).set('accept', 'application/json').send({ score: 3, provisional: true }).expect(202);
    const [response] = await waitFor(
      async () => {
        const rows = await responsesOf(ella.invitationId);
        return rows.length > 0 && rows;
      },
      30_000 + CLICK_WINDOW_MS,
      'the click recorded',
    );
    expect(response).toMatchObject({
      score: 3,
      touchpointId: null,
      stageId: null,
      journeyId: place.journey.id,
      surveyId,
      personId: ella.personId,
      source: 'email',
      locale: 'en',
    });
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: ella.invitationId } })).status).toBe('responded');

    // Not a touchpoint's, stage's or journey's answer: the same numbers, and the map as it was.
    expect(await scoresOf()).toEqual(before);
    // Rollups (folded and pending) still equal a raw recount of the answers that have a touchpoint, and a rebuild
    // from the raw rows (which would meet the relationship answer) gives the same.
    const recount = async () => {
      const [row] = await ctx.prisma.$queryRaw<Array<{ rolled: number; pending: number; raw: number; all: number }>>`
        SELECT (SELECT coalesce(sum(count), 0)::int FROM score_rollups) AS rolled,
          (SELECT coalesce(sum(delta), 0)::int FROM score_rollup_deltas) AS pending,
          (SELECT count(*)::int FROM responses WHERE touchpoint_id IS NOT NULL) AS raw,
          (SELECT count(*)::int FROM responses) AS "all"`;
      return row;
    };
    const counted = await recount();
    expect(counted.rolled + counted.pending).toBe(counted.raw);
    expect(counted.raw).toBe(4);
    expect(counted.all).toBe(5);
    await ctx.app.get(RollupRepository).rebuild();
    expect(await recount()).toMatchObject({ rolled: 4, pending: 0, raw: 4 });
    expect(await scoresOf()).toEqual(before);
  });

  it('a detractor: webhooks with touchpoint null, the workspace-wide rule alerts, the touchpoint’s rule does not, one case', async () => {
    const [ella] = asked;
    const [response] = await responsesOf(ella.invitationId);
    const types = await waitFor(
      () => {
        const seen = hooks(response.id).map((b) => b.type);
        return seen.includes('response.created') && seen.includes('response.detractor') && seen;
      },
      30_000,
      'response webhooks',
    );
    expect(types.sort()).toEqual(['response.created', 'response.detractor']);
    const created = hooks(response.id).find((b) => b.type === 'response.created')!;
    expect(created.data).toMatchObject({
      response: { id: response.id, score: 3, touchpointId: null, stageId: null, journeyId: place.journey.id, surveyId },
      touchpoint: null,
      stage: null,
      journey: { id: place.journey.id, name: place.journey.name },
      survey: { id: surveyId, kind: 'relationship', metric: 'nps', triggerEvent: null },
      person: { id: ella.personId },
    });

    const opened = await waitFor(() => ctx.prisma.case.findUnique({ where: { responseId: response.id } }), 30_000, 'the case');
    expect(opened.touchpointId).toBeNull();
    const alerts = await ctx.prisma.alert.findMany({ where: { responseId: response.id }, include: { rule: true } });
    expect(alerts.map((a) => a.rule.isDefault)).toEqual([true]);

    const history = (await ctx.api('get', `/api/v1/cases/${opened.id}/history`).expect(200)).body;
    expect(history).toMatchObject({
      touchpoint: null,
      relationship: { journey: { id: place.journey.id, name: place.journey.name } },
      answer: { score: 3, source: 'email' },
    });
    const list = (await ctx.api('get', '/api/v1/cases').expect(200)).body.data as Array<{ id: string; response: { kind: string } }>;
    expect(list.find((c) => c.id === opened.id)!.response.kind).toBe('relationship');
    // The touchpoint answers' cases (none were detractors here) say touchpoint.
    expect(list.filter((c) => c.id !== opened.id).every((c) => c.response.kind === 'touchpoint')).toBe(true);
  });

  it('a second submit within the edit window edits the answer, adds a comment that is analysed; no duplicate', async () => {
    const [ella] = asked;
    const [first] = await responsesOf(ella.invitationId);
    const edited = await ctx
      .http()
      .post(`/r/${ella.token}`)
      .set('accept', 'application/json')
      .send({ score: 2, comment: 'Support never answered my emails, awful' })
      .expect(200);
    expect(edited.body).toMatchObject({ id: first.id, score: 2, outcome: 'updated' });
    const rows = await responsesOf(ella.invitationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, score: 2, touchpointId: null, stageId: null });
    await waitFor(() => hooks(first.id).some((b) => b.type === 'response.updated'), 30_000, 'response.updated');
    const analysis = await waitFor(
      () => ctx.prisma.commentAnalysis.findUnique({ where: { responseId: first.id } }),
      30_000,
      'the comment analysed',
    );
    expect(analysis.sentimentLabel).toBe('negative');
    // One case for the answer however often it is edited.
    expect(await ctx.prisma.case.count({ where: { responseId: first.id } })).toBe(1);
    // The edit wrote no rollup change either.
    expect((await scoresOf()).journey).toMatchObject({ n: 4, nps: 75 });
  });

  it('the form without script records once and a later send edits it; the person who only opened links has no answer', async () => {
    const [, sigrid, third] = asked;
    const page = await ctx.http().post(`/r/${sigrid.token}`).type('form').send({ score: '9' }).expect(200);
    expect(page.text).toContain('Tack för din feedback');
    await ctx.http().post(`/r/${sigrid.token}`).type('form').send({ score: '10', comment: 'Bra folk' }).expect(200);
    const rows = await responsesOf(sigrid.invitationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 10, comment: 'Bra folk', locale: 'sv', touchpointId: null, stageId: null });
    expect(rows[0].journeyId).toBe(place.journey.id);
    expect(await responsesOf(third.invitationId)).toHaveLength(0);
    // A promoter opens no case.
    await waitFor(() => hooks(rows[0].id).some((b) => b.type === 'response.updated'), 30_000, 'the promoter’s webhooks');
    expect(await ctx.prisma.case.count({ where: { responseId: rows[0].id } })).toBe(0);
  });

  it('GET /responses and the CSV list relationship answers with touchpointId and stageId null', async () => {
    const answered = await ctx.prisma.response.findMany({ where: { surveyId }, orderBy: { createdAt: 'asc' } });
    expect(answered).toHaveLength(2);
    const listed = (await ctx.api('get', `/api/v1/responses?journeyId=${place.journey.id}&limit=100`).expect(200)).body.data as Array<
      Record<string, unknown>
    >;
    expect(listed).toHaveLength(6);
    for (const row of answered) {
      expect(listed.find((r) => r.id === row.id)).toMatchObject({
        touchpointId: null,
        stageId: null,
        journeyId: place.journey.id,
        surveyId,
        source: 'email',
      });
    }
    const one = (await ctx.api('get', `/api/v1/responses/${answered[0].id}`).expect(200)).body;
    expect(one).toMatchObject({ touchpointId: null, stageId: null, analysis: { sentiment: { label: 'negative' } } });
    // A filter on the touchpoint or its stage leaves them out.
    const byTouchpoint = (await ctx.api('get', `/api/v1/responses?touchpointId=${place.touchpoint.id}`).expect(200)).body.data;
    expect(byTouchpoint).toHaveLength(4);

    const csv = (await ctx.api('get', `/api/v1/responses.csv?journeyId=${place.journey.id}`).expect(200)).text;
    const [header, ...lines] = csv.trim().split('\r\n');
    const columns = header.split(',');
    expect(lines).toHaveLength(6);
    for (const row of answered) {
      const cells = csvCells(lines.find((line) => line.startsWith(`${row.id},`))!);
      expect(cells[columns.indexOf('touchpointId')]).toBe('');
      expect(cells[columns.indexOf('stageId')]).toBe('');
      expect(cells[columns.indexOf('journeyId')]).toBe(place.journey.id);
      expect(cells[columns.indexOf('surveyId')]).toBe(surveyId);
    }
  });
  it('the database keeps touchpoint and stage together: both set or both null', async () => {
    const [ella] = asked;
    const [response] = await responsesOf(ella.invitationId);
    const half = (touchpointId: string | null, stageId: string | null) =>
      ctx.prisma.$executeRaw`UPDATE responses SET touchpoint_id = ${touchpointId}, stage_id = ${stageId} WHERE id = ${response.id}`;
    await expect(half(place.touchpoint.id, null)).rejects.toThrow(/both touchpoint_id and stage_id or neither/);
    await expect(half(null, place.stage.id)).rejects.toThrow(/both touchpoint_id and stage_id or neither/);
    const insert = ctx.prisma.$executeRaw`
      INSERT INTO responses (id, workspace_id, touchpoint_id, stage_id, journey_id, metric, scale_min, scale_max, score, source)
      VALUES (gen_random_uuid()::text, ${ctx.workspaceId}, ${place.touchpoint.id}, NULL, ${place.journey.id}, 'nps', 0, 10, 5, 'api')`;
    await expect(insert).rejects.toThrow(/both touchpoint_id and stage_id or neither/);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { id: response.id } })).toMatchObject({
      touchpointId: null,
      stageId: null,
    });
  });

  it('the whole chain: invitations → answers through their links → the journey’s key drivers and relationship trend', async () => {
    const journey = (
      await ctx
        .api('post', '/api/v1/journeys')
        .send({ name: 'Drivers chain', stages: [{ name: 'All' }] })
        .expect(201)
    ).body;
    const touchpoint = async (name: string, metric: 'nps' | 'csat') => {
      const tp = (
        await ctx
          .api('post', '/api/v1/touchpoints')
          .send({ stageId: journey.stages[0].id, name, key: `chain-${name}`, channel: 'web' })
          .expect(201)
      ).body;
      const survey = (
        await ctx
          .api('post', '/api/v1/surveys')
          .send({ touchpointId: tp.id, metric, trigger: { event: `chain.${name}` } })
          .expect(201)
      ).body;
      return { id: tp.id as string, surveyId: survey.id as string };
    };
    const onboarding = await touchpoint('onboarding', 'nps');
    const billing = await touchpoint('billing', 'csat');
    const relationship = await createRelationshipSurvey(ctx, journey.id, 'chain');
    const people = await askCohort(
      ctx,
      worker,
      sink,
      relationship,
      'chain',
      Array.from({ length: 6 }, () => ({ locale: 'en' })),
    );

    // By hand: relationship answers R = 0, 2, 4, 6, 8, 10; onboarding answered exactly R (r = 1); billing
    // B = 5, 5, 4, 4, 3, 3 (mean 4; Σ(R−5)(B−4) = −16, Σ(R−5)² = 70, Σ(B−4)² = 4: r = −16/√280 = −0.956).
    // NPS of R: 1 promoter (10), 4 detractors (0–6) of 6 = −50.
    const R = [0, 2, 4, 6, 8, 10];
    const B = [5, 5, 4, 4, 3, 3];
    const before = new Date(Date.now() - 2 * DAY).toISOString();
    const items = people.flatMap((p, i) => [
      { surveyId: onboarding.surveyId, score: R[i], createdAt: before, person: { email: p.email } },
      { surveyId: billing.surveyId, score: B[i], createdAt: before, person: { email: p.email } },
    ]);
    await ctx.api('post', '/api/v1/responses/import').send({ items }).expect(201);
    for (const [i, p] of people.entries()) {
      await ctx.http().post(`/r/${p.token}`).set('accept', 'application/json').send({ score: R[i] }).expect(201);
    }

    const drivers = (await ctx.api('get', `/api/v1/journeys/${journey.id}/drivers`).expect(200)).body;
    expect(drivers.outcome).toMatchObject({ surveyId: relationship, metric: 'nps', n: 6, matched: 6, score: -50 });
    const byId = Object.fromEntries(drivers.drivers.map((d: { touchpointId: string }) => [d.touchpointId, d]));
    expect(byId[onboarding.id]).toMatchObject({ n: 6, metric: 'nps', lowN: true });
    expect(byId[onboarding.id].correlation).toBeCloseTo(1, 3);
    expect(byId[billing.id]).toMatchObject({ n: 6, metric: 'csat', lowN: true });
    expect(byId[billing.id].correlation).toBeCloseTo(-16 / Math.sqrt(280), 2);

    const trend = (await ctx.api('get', `/api/v1/journeys/${journey.id}/relationship-trend`).expect(200)).body;
    expect(trend).toMatchObject({ surveyId: relationship, metric: 'nps' });
    expect(trend.series.at(-1)).toMatchObject({ n: 6, score: -50 });
    // The journey's own NPS counts onboarding's six answers alone (with the relationship answers it would be n 12).
    const scores = (await ctx.api('get', `/api/v1/scores?journeyId=${journey.id}&metric=nps`).expect(200)).body;
    expect(scores).toMatchObject({ n: 6, nps: -50 });
  });
});

/** One CSV line's cells, RFC 4180 quotes undone (comments may hold commas). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += c;
    }
  }
  return [...cells, cell];
}
