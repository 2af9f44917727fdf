import { addCounts, addResponse, createJourney, scores } from './scores-fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('GET /api/v1/scores — targets, validation, isolation, response rate', () => {
  let ctx: TestContext;
  const MARCH = { since: '2026-03-01', until: '2026-04-01' };
  const AT = '2026-03-10T12:00:00Z';

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  // Stage = both NPS touchpoints together: (20 + 12) promoters, 13 passives, 6 detractors → 51.
  it('adds up the touchpoints of a stage and of a journey', async () => {
    const { journeyId, stageIds, tps } = await createJourney(ctx, [['nps', 'nps'], ['csat']]);
    await addCounts(ctx, tps[0][0], { 10: 20, 8: 13 }, AT);
    await addCounts(ctx, tps[0][1], { 9: 12, 0: 6 }, AT);
    await addCounts(ctx, tps[1][0], { 5: 3, 1: 1 }, AT);
    expect(await scores(ctx, { stageId: stageIds[0], ...MARCH })).toMatchObject({
      target: { type: 'stage', id: stageIds[0] },
      metric: 'nps',
      n: 51,
      nps: 51,
      ci95: [31.9, 70.1],
    });
    expect(await scores(ctx, { journeyId, metric: 'nps', ...MARCH })).toMatchObject({ n: 51, nps: 51 });
    expect(await scores(ctx, { journeyId, metric: 'csat', ...MARCH })).toMatchObject({ n: 4, csat: 75 });
  });

  it('asks for a metric when the target mixes metrics, and when it has none', async () => {
    const { journeyId, stageIds } = await createJourney(ctx, [['nps'], ['csat', 'ces']]);
    expect((await scores(ctx, { journeyId }, 400)).message).toBe('metric is required: this journey mixes metrics (ces, csat, nps)');
    expect((await scores(ctx, { stageId: stageIds[1] }, 400)).message).toContain('mixes metrics (ces, csat)');
    expect(await scores(ctx, { stageId: stageIds[1], metric: 'ces' })).toMatchObject({ metric: 'ces', n: 0 });
    const bare = (await ctx.api('post', `/api/v1/journeys/${journeyId}/stages`).send({ name: 'Empty' }).expect(201)).body;
    expect((await scores(ctx, { stageId: bare.id }, 400)).message).toContain('metric is required');
  });

  it('rejects bad queries with a clear 400', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    const bad: Array<[Record<string, string | string[]>, string]> = [
      [{}, 'exactly one of touchpointId, stageId or journeyId'],
      [{ touchpointId: tp.id, stageId: tp.stageId }, 'exactly one'],
      [{ touchpointId: tp.id, metric: 'eNPS' }, 'metric must be one of nps, csat, ces'],
      [{ touchpointId: tp.id, interval: 'hour' }, 'interval must be one of day, week, month'],
      [{ touchpointId: tp.id, tz: 'Mars/Olympus' }, 'tz must be an IANA time zone'],
      [{ touchpointId: tp.id, since: 'yesterday' }, 'since must be an ISO-8601 date'],
      [{ touchpointId: tp.id, since: '2026-02-30' }, 'since must be an ISO-8601 date'],
      [{ touchpointId: tp.id, until: '2026-03-01T10:00' }, 'until must be an ISO-8601 date'],
      [{ touchpointId: tp.id, since: '2026-03-02', until: '2026-03-01' }, 'since must be before until'],
      [{ touchpointId: tp.id, since: '2020-01-01', until: '2026-01-01' }, 'at most 5 years'],
      [{ touchpointId: tp.id, since: '1969-12-31' }, 'since must be'],
      [{ touchpointId: tp.id, colour: 'red' }, 'Unknown query parameter: colour'],
      [{ touchpointId: tp.id, metric: ['nps', 'csat'] }, 'metric may be given only once'],
      [{ touchpointId: tp.id, 'segment.plan': '' }, 'segment.plan needs a value'],
    ];
    for (const [query, message] of bad) {
      const body = await scores(ctx, query, 400);
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(body.message).toContain(message);
    }
    // Exactly five years (2021-01-01 → 2026-01-01, one leap day) is allowed.
    await scores(ctx, { touchpointId: tp.id, since: '2021-01-01', until: '2026-01-01' });
  });

  it('keeps workspaces apart and answers 404 for unknown targets', async () => {
    const { apiKey } = await ctx.createWorkspace('other-scores');
    const {
      journeyId,
      stageIds,
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    await addCounts(ctx, tp, { 10: 2 }, AT);
    for (const q of [{ touchpointId: tp.id }, { stageId: stageIds[0] }, { journeyId, metric: 'nps' }] as Array<Record<string, string>>) {
      const body = await scores(ctx, q, 404, apiKey);
      expect(body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
    expect((await scores(ctx, { touchpointId: 'nope' }, 404)).message).toBe('Touchpoint not found');
    expect((await scores(ctx, { touchpointId: tp.id, persona: 'nope' }, 404)).message).toBe('Persona not found');
    await ctx.http().get('/api/v1/scores').query({ touchpointId: tp.id }).expect(401);
  });

  it('defaults to the last 30 days including today', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    await addResponse(ctx, tp, { score: 10, at: new Date(Date.now() - 60_000) });
    await addResponse(ctx, tp, { score: 0, at: new Date(Date.now() - 31 * 86_400_000) });
    const body = await scores(ctx, { touchpointId: tp.id });
    expect(body).toMatchObject({ n: 1, nps: 100, interval: 'day', previous: { n: 1 } });
    expect(body.series).toHaveLength(30);
    expect(Date.parse(body.until) - Date.parse(body.since)).toBe(30 * 86_400_000);
    expect(body.until.endsWith('T00:00:00.000Z')).toBe(true);
  });

  it('hides archived journeys', async () => {
    const {
      journeyId,
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    await ctx.api('delete', `/api/v1/journeys/${journeyId}`).expect(204);
    await scores(ctx, { touchpointId: tp.id }, 404);
    await scores(ctx, { journeyId }, 404);
  });

  // Sent in March: 4 invitations (2 answered, one of them in April); 1 sent in February is another cohort.
  it('reports the response rate of emailed surveys: answered / sent', async () => {
    const {
      tps: [[tp]],
    } = await createJourney(ctx, [['nps']]);
    const survey = await ctx.prisma.survey.findFirstOrThrow({ where: { touchpointId: tp.id } });
    const person = await ctx.prisma.person.create({ data: { workspaceId: ctx.workspaceId, email: `rate-${tp.id}@example.com` } });
    const sent = ['2026-03-02', '2026-03-05', '2026-03-20', '2026-03-31T23:00:00Z', '2026-02-20'].map((d) => new Date(d));
    const ids: string[] = [];
    for (const sentAt of sent) {
      const inv = await ctx.prisma.invitation.create({
        data: {
          workspaceId: ctx.workspaceId,
          surveyId: survey.id,
          personId: person.id,
          status: 'sent',
          scheduledFor: sentAt,
          sentAt,
          expiresAt: new Date('2026-06-01'),
        },
      });
      ids.push(inv.id);
    }
    await addResponse(ctx, tp, { score: 9, at: '2026-03-03T10:00:00Z', invitationId: ids[0], personId: person.id });
    await addResponse(ctx, tp, { score: 3, at: '2026-04-01T10:00:00Z', invitationId: ids[3], personId: person.id });
    await addResponse(ctx, tp, { score: 3, at: '2026-02-21T10:00:00Z', invitationId: ids[4], personId: person.id });
    expect((await scores(ctx, { touchpointId: tp.id, ...MARCH })).responseRate).toEqual({ sent: 4, responded: 2, rate: 50 });
    expect((await scores(ctx, { touchpointId: tp.id, since: '2025-01-01', until: '2025-02-01' })).responseRate).toEqual({
      sent: 0,
      responded: 0,
      rate: null,
    });
  });
});
