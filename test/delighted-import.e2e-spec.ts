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
});
