import { parse } from 'csv-parse/sync';
import { uuid7 } from '@cairn/common';
import { ResponseQueryRepository, ResponseSnapshotRepository, CSV_BATCH } from '@cairn/responses';
import { seedInvitation, Seeded } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('reading responses', () => {
  let ctx: TestContext;
  let a: Seeded;
  let b: Seeded;
  const base = Date.UTC(2026, 0, 1);

  /** Writes `count` answers a minute apart from `startMinute`; returns their ids. */
  async function insert(
    seed: Seeded,
    count: number,
    startMinute: number,
    extra: { comment?: string; sameTime?: boolean; invitationId?: string } = {},
  ): Promise<string[]> {
    const data = Array.from({ length: count }, (_, i) => {
      const at = base + (startMinute + (extra.sameTime ? 0 : i)) * 60_000;
      return {
        // Made at its date, as every writer of past answers makes it.
        id: uuid7(at),
        workspaceId: seed.workspaceId,
        invitationId: extra.invitationId ?? null,
        touchpointId: seed.touchpoint.id,
        stageId: seed.stage.id,
        journeyId: seed.journey.id,
        surveyId: seed.survey.id,
        personId: seed.person.id,
        metric: 'nps' as const,
        scaleMin: 0,
        scaleMax: 10,
        score: i % 11,
        comment: extra.comment ?? null,
        source: 'email' as const,
        createdAt: new Date(at),
      };
    });
    await ctx.prisma.response.createMany({ data });
    return data.map((row) => row.id);
  }

  async function allPages(query: string, limit: number, between?: () => Promise<void>) {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { data: { id: string }[]; nextCursor: string | null } } = await ctx
        .api('get', `/api/v1/responses?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      ids.push(...res.body.data.map((r) => r.id));
      cursor = res.body.nextCursor;
      await between?.();
    } while (cursor);
    return ids;
  }

  beforeAll(async () => {
    ctx = await startTestApi();
    a = await seedInvitation(ctx);
    b = await seedInvitation(ctx);
    await insert(a, 20, 0);
    await insert(a, 5, 100, { sameTime: true });
    await insert(b, 7, 10);
  });
  afterAll(() => ctx.close());

  it('lists newest first with the response fields and filters of the contract', async () => {
    const res = await ctx.api('get', `/api/v1/responses?touchpointId=${a.touchpoint.id}&limit=2`).expect(200);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data[0]).toMatchObject({
      metric: 'nps',
      scale: { min: 0, max: 10 },
      touchpointId: a.touchpoint.id,
      stageId: a.stage.id,
      journeyId: a.journey.id,
      person: { id: a.person.id, email: a.person.email, name: 'Alva' },
      source: 'email',
    });
    expect(typeof res.body.nextCursor).toBe('string');
    const count = async (query: string) => (await allPages(query, 500)).length;
    expect(await count(`touchpointId=${a.touchpoint.id}`)).toBe(25);
    expect(await count(`stageId=${b.stage.id}`)).toBe(7);
    expect(await count(`journeyId=${b.journey.id}`)).toBe(7);
    const since = new Date(base + 5 * 60_000).toISOString();
    const until = new Date(base + 12 * 60_000).toISOString();
    // a: minutes 5..11 (7 rows); b: minutes 10, 11 (2 rows); until is exclusive.
    expect(await count(`since=${since}&until=${until}`)).toBe(9);
  });

  it('pages stay complete and free of duplicates while responses arrive, ties included', async () => {
    const before = await allPages(`touchpointId=${a.touchpoint.id}`, 500);
    let minute = 1000;
    const during = await allPages(`touchpointId=${a.touchpoint.id}`, 3, async () => {
      await insert(a, 2, (minute += 10));
    });
    expect(new Set(during).size).toBe(during.length);
    expect(during).toEqual(before);
  });

  it('rejects bad parameters with a 400', async () => {
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=x',
      'since=yesterday',
      'cursor=@@@',
      'cursor=WyJ4Il0',
      'colour=red',
      'metric=foo',
      `since=${new Date(base + 60_000).toISOString()}&until=${new Date(base).toISOString()}`,
    ]) {
      const res = await ctx.api('get', `/api/v1/responses?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.statusCode).toBe(400);
    }
    await ctx.http().get('/api/v1/responses').expect(401);
    await ctx.http().get('/api/v1/responses.csv').expect(401);
  });

  it('never shows another workspace’s responses', async () => {
    const other = await ctx.createWorkspace('other-ws');
    const res = await ctx.api('get', '/api/v1/responses', other.apiKey).expect(200);
    expect(res.body).toEqual({ data: [], nextCursor: null });
    await ctx.api('get', `/api/v1/responses/${(await ctx.prisma.response.findFirstOrThrow()).id}`, other.apiKey).expect(404);
  });

  it('shows no invitation on an answer whose invitation is gone, as after retention drops its month', async () => {
    // Plain tables unlink the answer (ON DELETE SET NULL); partitioned history keeps the id in the answer (layout
    // step 006), so every reader must resolve it through the invitation.
    const seed = await seedInvitation(ctx);
    const [answerId] = await insert(seed, 1, 9_000, { invitationId: seed.invitation.id });
    const snapshots = ctx.app.get(ResponseSnapshotRepository, { strict: false });
    const shown = async () => {
      const one = await ctx.api('get', `/api/v1/responses/${answerId}`).expect(200);
      const listed = await ctx.api('get', `/api/v1/responses?touchpointId=${seed.touchpoint.id}`).expect(200);
      const csv = await ctx.api('get', `/api/v1/responses.csv?touchpointId=${seed.touchpoint.id}`).expect(200);
      const [row] = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
      const snapshot = await snapshots.load(answerId);
      return [one.body.invitationId, listed.body.data[0].invitationId, row.invitationId, snapshot?.response.invitationId];
    };
    expect(await shown()).toEqual([seed.invitation.id, seed.invitation.id, seed.invitation.id, seed.invitation.id]);

    await ctx.prisma.$executeRaw`DELETE FROM invitations WHERE id = ${seed.invitation.id}`;
    expect(await shown()).toEqual([null, null, '', null]);
    // The answer itself stays, score and all.
    await ctx
      .api('get', `/api/v1/responses/${answerId}`)
      .expect(200)
      .expect(({ body }) => expect(body.score).toBe(0));
  });

  it('streams the CSV export in batches, with the same filters', async () => {
    const big = await seedInvitation(ctx);
    await insert(big, 1200, 5000, { comment: '=cmd|" a, b\nc' });
    const query = ctx.app.get(ResponseQueryRepository);
    const page = jest.spyOn(query, 'page');
    try {
      const res = await ctx
        .api('get', `/api/v1/responses.csv?touchpointId=${big.touchpoint.id}`)
        .buffer(true)
        .parse((response, done) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => done(null, text));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('responses.csv');
      expect(res.headers['transfer-encoding']).toBe('chunked');
      const rows = parse(res.body as string, { bom: true, columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(1200);
      expect(rows[0]).toMatchObject({
        touchpointId: big.touchpoint.id,
        metric: 'nps',
        personEmail: big.person.email,
        comment: `'=cmd|" a, b\nc`,
      });
      expect(new Set(rows.map((r) => r.id)).size).toBe(1200);
      expect(page.mock.calls.length).toBe(Math.ceil(1200 / CSV_BATCH) + (1200 % CSV_BATCH === 0 ? 1 : 0));
      expect(page.mock.calls.every((call) => call[3] === CSV_BATCH)).toBe(true);
    } finally {
      page.mockRestore();
    }
    const filtered = await ctx.api('get', `/api/v1/responses.csv?stageId=${b.stage.id}`).expect(200);
    expect(parse(filtered.text, { bom: true, columns: true })).toHaveLength(7);
    await ctx.api('get', '/api/v1/responses.csv?since=nope').expect(400);
  });
});
