import { parseDelightedCsv, DelightedImportService } from '@cairn/delighted';
import { startTestApi, TestContext } from './utils/test-app';

const DAY = 86_400_000;
const T0 = Date.now();
const at = (daysAgo: number) => new Date(Math.floor((T0 - daysAgo * DAY) / 1000) * 1000);
const iso = (daysAgo: number) => at(daysAgo).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

describe('importing a Delighted CSV export', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
  });
  afterAll(() => ctx.close());

  const csv = [
    'Response ID,Score,Comment,Name,Email,Response Timestamp,Survey Type,Permalink,Plan',
    `d-1,10,"Love it",Ann,ann@example.com,${iso(40)},nps,https://app.delighted.com/r/a,pro`,
    `d-2,9,,Ann,ann@example.com,${iso(20)},nps,,pro`,
    `d-3,2,"Too slow",,bo@example.com,${iso(10)},nps,,basic`,
    `d-4,7,,,,${iso(5)},nps,,`,
    `d-5,6,,,,${iso(3)},csat,,`,
    `d-6,12,,,,${iso(2)},nps,,`,
    'd-7,8,,,,someday,nps,,',
  ].join('\n');

  it('brings history in with its dates, counted by scores, announced to nobody, and only once', async () => {
    const { rows, errors } = parseDelightedCsv(csv);
    expect(errors).toEqual([{ line: 8, error: 'timestamp "someday" is not a date' }]);
    const importer = ctx.app.get(DelightedImportService);
    const result = await importer.import(ctx.workspaceId, rows);
    expect(result.imported).toBe(4);
    expect(result.skipped).toBe(0);
    expect(result.failed.map((f) => f.line)).toEqual([6, 7]);

    const responses = await ctx.prisma.response.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { createdAt: 'asc' } });
    expect(responses.map((r) => [r.externalId, r.score, r.source])).toEqual([
      ['delighted:d-1', 10, 'import'],
      ['delighted:d-2', 9, 'import'],
      ['delighted:d-3', 2, 'import'],
      ['delighted:d-4', 7, 'import'],
    ]);
    expect(responses[0]).toMatchObject({ comment: 'Love it', personProperties: { Plan: 'pro' } });
    expect(responses.map((r) => r.createdAt)).toEqual([at(40), at(20), at(10), at(5)]);
    const ann = await ctx.prisma.person.findFirstOrThrow({ where: { email: 'ann@example.com' } });
    expect(ann.name).toBe('Ann');
    expect(responses.filter((r) => r.personId === ann.id)).toHaveLength(2);
    // History must not page anyone: no response events, no invitations.
    expect(await ctx.prisma.outboxEvent.count({ where: { topic: { startsWith: 'response.' } } })).toBe(0);
    expect(await ctx.prisma.invitation.count()).toBe(0);

    const touchpoint = await ctx.prisma.touchpoint.findFirstOrThrow({ where: { workspaceId: ctx.workspaceId, key: 'delighted' } });
    const since = new Date(Date.now() - 60 * DAY).toISOString();
    const scores = (await ctx.api('get', `/api/v1/scores?touchpointId=${touchpoint.id}&metric=nps&since=${since}`).expect(200)).body;
    expect(scores).toMatchObject({ n: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
    const metrics = await ctx
      .http()
      .get(`/compat/delighted/v1/metrics.json?since=${Math.floor(Date.now() / 1000) - 60 * 86_400}`)
      .auth(ctx.apiKey, '')
      .expect(200);
    expect(metrics.body).toMatchObject({ nps: 25, response_count: 4 });

    const again = await importer.import(ctx.workspaceId, rows);
    expect(again).toMatchObject({ imported: 0, skipped: 4 });
    expect(await ctx.prisma.response.count()).toBe(4);
  });

  it("keeps Delighted's ids, tags, additional answers and trend: read back by the old ids after the move", async () => {
    const acme = await ctx.createWorkspace('acme-move');
    const moved = [
      'Response ID,Person ID,Score,Comment,Email,Response Timestamp,Survey Type,Tags,Trend,Question 55: What do you like most?,Question 56: How easy was setup?,Plan',
      `38519437,7001,9,"Fast",kim@example.com,${iso(30)},nps,"vip, renewal",9012,The speed,6,pro`,
      `38519438,7001,3,"Broken",kim@example.com,${iso(20)},nps,,9012,,,pro`,
      `38519439,7002,10,,lee@example.com,${iso(10)},nps,promoter,9012,Support,,basic`,
    ].join('\n');
    const { rows, errors } = parseDelightedCsv(moved);
    expect(errors).toEqual([]);
    expect(await ctx.app.get(DelightedImportService).import(acme.workspaceId, rows)).toMatchObject({ imported: 3, failed: [] });
    const get = (path: string) => ctx.http().get(`/compat/delighted/v1${path}`).auth(acme.apiKey, '');

    const one = (await get('/survey_responses/38519437.json').expect(200)).body;
    expect(one).toMatchObject({
      id: '38519437',
      person: '7001',
      score: 9,
      comment: 'Fast',
      tags: ['vip', 'renewal'],
      person_properties: { Plan: 'pro' },
    });
    expect(one.additional_answers).toEqual([
      {
        id: '1',
        question: { id: '55', type: 'free_response', text: 'What do you like most?' },
        value: { free_response: 'The speed', scale: null, select_one: null, select_many: null },
      },
      {
        id: '2',
        question: { id: '56', type: 'scale', text: 'How easy was setup?' },
        value: { free_response: null, scale: 6, select_one: null, select_many: null },
      },
    ]);
    // The old person id finds the person's history and takes new answers.
    const kims = (await get('/survey_responses.json?person_id=7001').expect(200)).body;
    expect(kims.map((r: { id: string }) => r.id)).toEqual(['38519437', '38519438']);
    const added = await ctx
      .http()
      .post('/compat/delighted/v1/survey_responses.json')
      .auth(acme.apiKey, '')
      .send({ person: '7001', score: 8 })
      .expect(201);
    expect(added.body).toMatchObject({ person: '7001', score: 8, tags: [], additional_answers: [] });
    expect(Number(added.body.id)).toBeGreaterThanOrEqual(100_000_000_000);
    // Delighted's trend id reads the touchpoint it was imported into.
    const trend = (await get('/survey_responses.json?trend=9012&per_page=100').expect(200)).body;
    expect(trend.map((r: { id: string }) => r.id)).toEqual(['38519437', '38519438', '38519439', added.body.id]);
    expect((await get('/metrics.json?trend=9012').expect(200)).body).toMatchObject({ nps: 25, response_count: 4 });
    const lee = (await get('/people.json?email=lee@example.com').expect(200)).body;
    expect(lee.map((p: { id: string }) => p.id)).toEqual(['7002']);
    // Running it again adds nothing, and the ids stay.
    expect(await ctx.app.get(DelightedImportService).import(acme.workspaceId, rows)).toMatchObject({ imported: 0, skipped: 3 });
    expect((await get('/survey_responses/38519439').expect(200)).body).toMatchObject({ person: '7002', tags: ['promoter'] });
  });
});
