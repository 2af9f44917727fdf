import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import { uuid7 } from '@cairn/common';
import { JobRepository, QueueName } from '@cairn/jobs';
import { seedInvitation, Seeded } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { WebhookReceiver } from './utils/webhook-receiver';
import { startTestWorker, waitFor } from './utils/test-worker';

type Analysis = { language: string; sentiment: { score: number; label: string }; themes: string[] } | null;

describe('comment analysis: every comment read for sentiment and themes, themes and their insights', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let seed: Seeded;
  let receiver: WebhookReceiver;
  const since = '2026-01-01T00:00:00Z';
  const until = '2026-02-01T00:00:00Z';

  // Ten NPS answers in January, by hand: all 10 → 5 promoters, 3 detractors: NPS 20.
  // delivery (A, B, C: 2, 4, 9): with −33.3; without (7 answers, 4 P, 1 D) 42.9; impact 20 − 42.9 = −22.9.
  // price (I, J: 10, 6): with 0; without (8 answers, 4 P, 2 D) 25; impact −5. 7 comments analysed.
  const FIXTURE: Array<[string, number, string | null]> = [
    ['A', 2, 'The delivery was late and the courier was rude'],
    ['B', 4, 'Delivery took two weeks, terrible'],
    ['C', 9, 'Fast delivery, great!'],
    ['D', 10, 'Great product, excellent quality'],
    ['E', 10, null],
    ['F', 9, null],
    ['G', 8, 'ok'],
    ['H', 7, null],
    ['I', 10, 'Amazing price, very cheap'],
    ['J', 6, 'Way too expensive'],
  ];
  const ids = new Map<string, string>();

  /** An answer written straight to the table, as history: no event announces it, so only a re-analysis reads it. */
  async function pastAnswer(score: number, comment: string | null, createdAt: Date): Promise<string> {
    const row = await ctx.prisma.response.create({
      data: {
        // Made at its date, as every writer of past answers makes it.
        id: uuid7(createdAt.getTime()),
        workspaceId: seed.workspaceId,
        touchpointId: seed.touchpoint.id,
        stageId: seed.stage.id,
        journeyId: seed.journey.id,
        surveyId: seed.survey.id,
        metric: 'nps',
        scaleMin: 0,
        scaleMax: 10,
        score,
        comment,
        locale: 'en',
        source: 'import',
        createdAt,
      },
    });
    return row.id;
  }

  async function analysisOf(id: string): Promise<Analysis> {
    const res = await ctx.api('get', `/api/v1/responses/${id}`).expect(200);
    return res.body.analysis;
  }

  async function analysed(): Promise<void> {
    await waitFor(
      async () => (await ctx.api('get', '/api/v1/themes').expect(200)).body.analysis.pending === 0,
      30_000,
      'analysis to catch up',
    );
  }

  beforeAll(async () => {
    ctx = await startTestApi();
    worker = await startTestWorker(ctx.config);
    receiver = await new WebhookReceiver().start();
    seed = await seedInvitation(ctx, { locale: 'en' });
    for (const [label, score, comment] of FIXTURE) {
      ids.set(label, await pastAnswer(score, comment, new Date(Date.UTC(2026, 0, 10, 12, ids.size))));
    }
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await receiver?.close();
  });

  it('a live answer gets its analysis within seconds, an edit redoes it, removing the comment removes it', async () => {
    const answer = await ctx
      .http()
      .post(`/r/${seed.responseToken}`)
      .send({ score: 3, comment: 'The courier threw the parcel over the fence, not happy at all' })
      .expect(201);
    const id = answer.body.id ?? (await ctx.prisma.response.findFirstOrThrow({ where: { invitationId: seed.invitation.id } })).id;
    const first = await waitFor(() => analysisOf(id), 15_000, 'the analysis of the answer');
    expect(first).toMatchObject({ language: 'en', sentiment: { label: 'negative' } });
    expect(first!.sentiment.score).toBeLessThan(0);
    expect(first!.themes).toContain('delivery');

    // An edit of the answer (200) within the edit window.
    await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 9, comment: 'Actually the price was great, very cheap' }).expect(200);
    const edited = await waitFor(
      async () => {
        const a = await analysisOf(id);
        return a?.themes.includes('price') ? a : null;
      },
      15_000,
      'the analysis of the edit',
    );
    expect(edited).toMatchObject({ sentiment: { label: 'positive' }, themes: ['price'] });

    await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 9, comment: '' }).expect(200);
    await waitFor(async () => (await analysisOf(id)) === null, 15_000, 'the analysis to go with the comment');
    await ctx.prisma.response.delete({ where: { id } });
  });

  it("a detractor's webhook and case carry its comment's sentiment and themes", async () => {
    await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url('/detractors'), events: ['response.detractor'] })
      .expect(201);
    const other = await seedInvitation(ctx, { locale: 'en' });
    await ctx.http().post(`/r/${other.responseToken}`).send({ score: 1, comment: 'Support never answered my emails, awful' }).expect(201);
    const hit = await waitFor(() => receiver.to('/detractors')[0], 30_000, 'the detractor webhook');
    const body = JSON.parse(hit.body);
    expect(body.data.response.analysis).toMatchObject({ language: 'en', sentiment: { label: 'negative' } });
    expect(body.data.response.analysis.themes).toContain('customer_service');
    const cases = await waitFor(
      async () => {
        const res = await ctx.api('get', `/api/v1/cases?touchpointId=${other.touchpoint.id}`).expect(200);
        return res.body.data.length ? res.body.data : null;
      },
      30_000,
      'the case',
    );
    expect(cases[0].response.analysis).toMatchObject({ sentiment: { label: 'negative' } });
    const history = await ctx.api('get', `/api/v1/cases/${cases[0].id}/history`).expect(200);
    expect(history.body.answer.analysis.themes).toContain('customer_service');
  });

  it('lists the eight built-in themes once, with names in three languages, and how far analysis is', async () => {
    const [a, b] = await Promise.all([ctx.api('get', '/api/v1/themes'), ctx.api('get', '/api/v1/themes')]);
    for (const res of [a, b]) expect(res.status).toBe(200);
    expect(a.body.data.map((t: { key: string }) => t.key).sort()).toEqual([
      'checkout_payment',
      'communication',
      'customer_service',
      'delivery',
      'price',
      'product_quality',
      'returns_refunds',
      'website_app',
    ]);
    expect(a.body.data.find((t: { key: string }) => t.key === 'delivery')).toMatchObject({
      builtIn: true,
      name: { en: 'Delivery', sv: 'Leverans', da: 'Levering' },
    });
    expect(await ctx.prisma.theme.count({ where: { workspaceId: ctx.workspaceId } })).toBe(8);
    // The detractor's comment was analysed as it came; the fixture's 7, written with no event, wait for a re-analysis.
    expect(a.body.analysis).toMatchObject({ comments: 8, analysed: 1, pending: 7 });
  });

  it('a new theme re-analyses past comments in the background; edits and deletes do too; bad input changes nothing', async () => {
    const created = await ctx
      .api('post', '/api/v1/themes')
      .send({ key: 'courier', name: { en: 'Courier', sv: 'Bud' }, keywords: { en: ['Courier', 'driver', 'courier'], sv: ['budfirma'] } })
      .expect(201);
    expect(created.body).toMatchObject({
      key: 'courier',
      builtIn: false,
      name: { en: 'Courier', sv: 'Bud', da: 'Courier' },
      keywords: { en: ['courier', 'driver'], sv: ['budfirma'], da: [] },
    });
    await analysed();
    expect((await analysisOf(ids.get('A')!))!.themes).toEqual(expect.arrayContaining(['delivery', 'courier']));

    await ctx
      .api('post', '/api/v1/themes')
      .send({ key: 'courier', name: { en: 'Again' }, keywords: { en: ['x1'] } })
      .expect(409);
    for (const bad of [
      { key: 'Bad Key', name: { en: 'x' }, keywords: { en: ['a1'] } },
      { key: 'ok_key', keywords: { en: ['a1'] } },
      { key: 'ok_key', name: { en: 'x' }, keywords: { en: 'courier' } },
      { key: 'ok_key', name: { en: 'x' }, keywords: { en: [42] } },
    ]) {
      await ctx.api('post', '/api/v1/themes').send(bad).expect(400);
    }
    expect(await ctx.prisma.theme.count({ where: { workspaceId: ctx.workspaceId } })).toBe(9);

    await ctx
      .api('patch', '/api/v1/themes/courier')
      .send({ keywords: { en: ['rude'] } })
      .expect(200);
    await analysed();
    expect((await analysisOf(ids.get('A')!))!.themes).toContain('courier');
    expect((await analysisOf(ids.get('C')!))!.themes).not.toContain('courier');
    await ctx.api('delete', '/api/v1/themes/courier').expect(204);
    await ctx.api('delete', '/api/v1/themes/courier').expect(404);
    await ctx
      .api('patch', '/api/v1/themes/nope')
      .send({ name: { en: 'x' } })
      .expect(404);
    await analysed();
    expect((await analysisOf(ids.get('A')!))!.themes).not.toContain('courier');
  });

  it('insights: mentions, share, sentiment, score with and without, and impact in points, by hand', async () => {
    await analysed();
    const res = await ctx
      .api('get', `/api/v1/insights/themes?touchpointId=${seed.touchpoint.id}&since=${since}&until=${until}`)
      .expect(200);
    expect(res.body).toMatchObject({ metric: 'nps', n: 10, comments: 7 });
    expect(res.body.score).toBeCloseTo(20, 1);
    const delivery = res.body.data.find((d: { theme: string }) => d.theme === 'delivery');
    expect(delivery).toMatchObject({ name: 'Delivery', mentions: 3, sentiment: { positive: 1, neutral: 0, negative: 2 } });
    expect(delivery.share).toBeCloseTo(3 / 7, 3);
    expect(delivery.scoreWith).toBeCloseTo(-33.3, 0);
    expect(delivery.scoreWithout).toBeCloseTo(42.9, 0);
    expect(delivery.impact).toBeCloseTo(-22.9, 0);
    const price = res.body.data.find((d: { theme: string }) => d.theme === 'price');
    expect(price).toMatchObject({ mentions: 2, scoreWith: 0, scoreWithout: 25, impact: -5 });
    expect(res.body.data[0].theme).toBe('delivery');

    await ctx.api('get', `/api/v1/insights/themes?since=${since}`).expect(400);
    await ctx.api('get', `/api/v1/insights/themes?touchpointId=${seed.touchpoint.id}&bogus=1`).expect(400);
    await ctx.api('get', '/api/v1/insights/themes?touchpointId=00000000-0000-7000-8000-000000000000').expect(404);
  });

  it('insights of a segment count only the answers whose person snapshot is in it', async () => {
    await analysed();
    // A, B and I as plan "pro"; tier is the JSON number 1 on A and B, the text "1" on I: the query matches both.
    await ctx.prisma.response.updateMany({
      where: { id: { in: [ids.get('A')!, ids.get('B')!] } },
      data: { personProperties: { plan: 'pro', tier: 1 } },
    });
    await ctx.prisma.response.update({ where: { id: ids.get('I')! }, data: { personProperties: { plan: 'pro', tier: '1' } } });
    const insights = async (segment: string) =>
      (
        await ctx
          .api('get', `/api/v1/insights/themes?touchpointId=${seed.touchpoint.id}&since=${since}&until=${until}&${segment}`)
          .expect(200)
      ).body;
    for (const segment of ['segment.plan=pro', 'segment.plan=pro&segment.tier=1']) {
      const pro = await insights(segment);
      // 2, 4, 10: 1 promoter, 2 detractors, NPS −33.3; delivery (A, B) 2 of the 3 comments, price (I) 1.
      expect(pro).toMatchObject({ n: 3, comments: 3 });
      expect(pro.score).toBeCloseTo(-33.3, 0);
      expect(pro.data.find((d: { theme: string }) => d.theme === 'delivery')).toMatchObject({ mentions: 2 });
      expect(pro.data.find((d: { theme: string }) => d.theme === 'price')).toMatchObject({ mentions: 1 });
    }
    expect(await insights('segment.plan=free')).toMatchObject({ n: 0, comments: 0 });
  });

  it('filters GET /responses and the CSV by theme, sentiment, category and text', async () => {
    await analysed();
    const list = async (query: string) =>
      (await ctx.api('get', `/api/v1/responses?touchpointId=${seed.touchpoint.id}&${query}`).expect(200)).body.data.map(
        (r: { id: string }) => [...ids].find(([, id]) => id === r.id)?.[0],
      );
    expect((await list('theme=delivery')).sort()).toEqual(['A', 'B', 'C']);
    expect((await list('theme=delivery&sentiment=negative')).sort()).toEqual(['A', 'B']);
    expect((await list('category=detractor')).sort()).toEqual(['A', 'B', 'J']);
    expect((await list('category=passive')).sort()).toEqual(['G', 'H']);
    expect(await list('q=COURIER')).toEqual(['A']);
    await ctx.api('get', '/api/v1/responses?sentiment=angry').expect(400);
    await ctx.api('get', '/api/v1/responses?theme=Not%20a%20key').expect(400);

    const csv = await ctx.api('get', `/api/v1/responses.csv?touchpointId=${seed.touchpoint.id}&theme=price`).expect(200);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.comment).sort()).toEqual(['Amazing price, very cheap', 'Way too expensive']);
    expect(rows.find((r) => r.score === '6')).toMatchObject({ sentiment: 'negative', themes: 'price' });
  });

  it('suggests recurring words no theme covers, with counts and examples', async () => {
    const comments = ['Lovely gift wrapping', 'the gift wrapping was beautiful', 'Gift wrapping please!', 'no gift wrapping this time'];
    for (const [i, comment] of comments.entries()) await pastAnswer(9, comment, new Date(Date.UTC(2026, 0, 20, i)));
    await ctx
      .api('post', '/api/v1/themes')
      .send({ key: 'nudge', name: { en: 'Nudge' }, keywords: { en: ['zzzz'] } })
      .expect(201);
    await analysed();
    const res = await ctx
      .api('get', `/api/v1/insights/themes/suggestions?touchpointId=${seed.touchpoint.id}&since=${since}&until=${until}`)
      .expect(200);
    const wrapping = res.body.data.find((s: { phrase: string }) => /wrapping/i.test(s.phrase));
    expect(wrapping).toBeDefined();
    expect(wrapping.count).toBe(4);
    expect(wrapping.examples.length).toBeGreaterThan(0);
    expect(res.body.data.some((s: { phrase: string }) => /delivery/i.test(s.phrase))).toBe(false);
  });

  it('imported history is analysed though no event announces it', async () => {
    const res = await ctx
      .api('post', '/api/v1/responses/import')
      .send({
        items: [
          {
            surveyId: seed.survey.id,
            score: 3,
            comment: 'Leveransen var försenad och paketet trasigt',
            createdAt: '2025-06-01T10:00:00Z',
            locale: 'sv',
          },
          { surveyId: seed.survey.id, score: 10, createdAt: '2025-06-02T10:00:00Z' },
        ],
      })
      .expect(201);
    const [withComment, withoutComment] = res.body.responseIds;
    const analysis = await waitFor(() => analysisOf(withComment), 30_000, 'the imported comment to be analysed');
    expect(analysis).toMatchObject({ language: 'sv', sentiment: { label: 'negative' } });
    expect(analysis!.themes).toContain('delivery');
    expect(await analysisOf(withoutComment)).toBeNull();
    expect(
      await ctx.prisma.outboxEvent.count({
        where: { topic: { startsWith: 'response.' }, payload: { path: ['responseId'], equals: withComment } },
      }),
    ).toBe(0);
  });

  it("a detractor's comment is analysed once, though its webhooks need the analysis before its subscriber runs", async () => {
    // A row per write of an analysis, kept by a trigger in this file's own database.
    await ctx.prisma.$executeRawUnsafe(`CREATE TABLE test_analysis_writes (response_id text NOT NULL)`);
    await ctx.prisma.$executeRawUnsafe(`CREATE FUNCTION test_note_analysis_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_analysis_writes VALUES (NEW.response_id); RETURN NEW; END $$`);
    await ctx.prisma.$executeRawUnsafe(`CREATE TRIGGER test_analysis_writes AFTER INSERT OR UPDATE ON comment_analyses
      FOR EACH ROW EXECUTE FUNCTION test_note_analysis_write()`);
    await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url('/every'), events: ['response.created', 'response.detractor', 'alert.triggered'] })
      .expect(201);
    const other = await seedInvitation(ctx, { locale: 'en' });
    await ctx.http().post(`/r/${other.responseToken}`).send({ score: 2, comment: 'The parcel arrived broken, awful' }).expect(201);
    const { id } = await ctx.prisma.response.findFirstOrThrow({ where: { invitationId: other.invitation.id } });
    const bodies = await waitFor(
      () => {
        const hits = receiver.to('/every').map((hit) => JSON.parse(hit.body));
        return hits.filter((body) => body.data.response?.id === id).length >= 2 ? hits : null;
      },
      30_000,
      "the answer's webhooks",
    );
    for (const body of bodies) expect(body.data.response.analysis).toMatchObject({ sentiment: { label: 'negative' } });
    // Every event of the answer dispatched: nothing left in the outbox or on the events queue.
    const events = worker.get(JobRepository).getQueue(QueueName.Events);
    await waitFor(
      async () => {
        const waiting = await ctx.prisma.outboxEvent.count({ where: { processedAt: null } });
        const counts = await events.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return waiting === 0 && Object.values(counts).every((count) => count === 0);
      },
      30_000,
      'every event dispatched',
    );
    const writes = await ctx.prisma.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM test_analysis_writes WHERE response_id = $1`,
      id,
    );
    expect(writes[0].n).toBe(1);
  });
});
