import { ApiKeyService } from '@cairn/auth';
import { startTestApi, TestContext } from './utils/test-app';
import { DAY, HOUR, nps } from './improvements.fixtures';

describe('Improvements: /api/v1/improvements and the effect measured from launch', () => {
  let ctx: TestContext;
  let manager: string;
  let viewer: string;
  let other: { workspaceId: string; apiKey: string };
  // Whole seconds: imported dates are compared as written.
  const now = Math.floor(Date.now() / 1000) * 1000;
  // Launched 40 days ago with a 30-day window: the after-window closed 10 days ago.
  const launch = now - 40 * DAY;
  const tp: Record<'checkout' | 'delivery' | 'support' | 'returns' | 'unasked' | 'mixed', string> = {} as never;
  const survey: Record<string, string> = {};

  const iso = (ms: number) => new Date(ms).toISOString();
  const improvements = () => ctx.prisma.improvement.findMany({ orderBy: { id: 'asc' } });

  /** Answers spread 6 hours apart: before the launch going back from an hour before it, after it from the launch on. */
  async function importAround(surveyId: string, before: number[], after: number[]): Promise<void> {
    const items = [
      ...before.map((score, i) => ({ surveyId, score, createdAt: iso(launch - HOUR - i * 6 * HOUR) })),
      ...after.map((score, i) => ({ surveyId, score, createdAt: iso(launch + i * 6 * HOUR) })),
    ];
    await ctx.api('post', '/api/v1/responses/import').send({ items }).expect(201);
  }

  beforeAll(async () => {
    ctx = await startTestApi();
    manager = (await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'cx lead', 'manager')).key;
    viewer = (await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'reader', 'viewer')).key;
    other = await ctx.createWorkspace('elsewhere');

    const journey = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Online store', stages: [{ name: 'Purchase' }] })
      .expect(201);
    const stageId = journey.body.stages[0].id;
    for (const key of Object.keys({ checkout: 1, delivery: 1, support: 1, returns: 1, unasked: 1, mixed: 1 }) as Array<keyof typeof tp>) {
      const res = await ctx.api('post', '/api/v1/touchpoints').send({ stageId, name: key, key, channel: 'web' }).expect(201);
      tp[key] = res.body.id;
    }
    const ask = async (name: keyof typeof tp, metric: string) => {
      const res = await ctx
        .api('post', '/api/v1/surveys')
        .send({ touchpointId: tp[name], metric, trigger: { event: `${name}.${metric}` } })
        .expect(201);
      survey[`${name}.${metric}`] = res.body.id;
    };
    for (const name of ['checkout', 'delivery', 'support', 'mixed'] as const) await ask(name, 'nps');
    await ask('returns', 'csat');
    await ask('mixed', 'csat');

    // Checkout: NPS 0 before (30 P, 40 passives, 30 D), 30 after (50 P, 30 passives, 20 D). The control — the
    // journey's other NPS touchpoints, delivery and support pooled — goes from 0 to 25 (45 P, 35 passives, 20 D).
    // Mixed also asks NPS but has no answers: it adds nothing. Returns asks CSAT: not a control of an NPS change.
    await importAround(survey['checkout.nps'], nps(30, 40, 30), nps(50, 30, 20));
    await importAround(survey['delivery.nps'], nps(15, 20, 15), nps(25, 15, 10));
    await importAround(survey['support.nps'], nps(15, 20, 15), nps(20, 20, 10));
    await importAround(survey['returns.csat'], Array<number>(50).fill(1), Array<number>(50).fill(5));
    // Outside both windows: a day before the before-window and a day after the after-window.
    const outside = [launch - 31 * DAY, launch + 31 * DAY].flatMap((at) =>
      nps(0, 0, 20).map((score, i) => ({ surveyId: survey['checkout.nps'], score, createdAt: iso(at + i * HOUR) })),
    );
    await ctx.api('post', '/api/v1/responses/import').send({ items: outside }).expect(201);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('measures a launched change: before vs after with intervals, and the difference in differences against the journey', async () => {
    const created = await ctx
      .api('post', '/api/v1/improvements', manager)
      .send({
        touchpointId: tp.checkout,
        title: 'Delivery slot picker',
        hypothesis: 'Fewer late-delivery detractors',
        owner: 'Logistics',
        status: 'done',
        launchedAt: iso(launch),
      })
      .expect(201);
    expect(created.body).toMatchObject({
      touchpointId: tp.checkout,
      title: 'Delivery slot picker',
      hypothesis: 'Fewer late-delivery detractors',
      owner: 'Logistics',
      status: 'done',
      metric: 'nps',
      windowDays: 30,
      launchedAt: iso(launch),
    });
    // The figures of the unit test's NPS case (improvement-effect.spec.ts), computed there by hand.
    const expected = {
      metric: 'nps',
      windowDays: 30,
      minN: 30,
      before: { n: 100, score: 0, ci95: [-15.2, 15.2], since: iso(launch - 30 * DAY), until: iso(launch) },
      after: { n: 100, score: 30, ci95: [14.7, 45.3], since: iso(launch), until: iso(launch + 30 * DAY) },
      delta: 30,
      ci95: [8.4, 51.6],
      significant: true,
      control: { touchpoints: 3, before: { n: 100, score: 0 }, after: { n: 100, score: 25 }, delta: 25, ci95: [3.6, 46.4] },
      adjustedDelta: 5,
      adjustedCi95: [-25.3, 35.3],
      adjustedSignificant: false,
      status: 'measured',
    };
    expect(created.body.effect).toMatchObject(expected);
    // Every read carries it, the viewer's too.
    const read = await ctx.api('get', `/api/v1/improvements/${created.body.id}`, viewer).expect(200);
    expect(read.body.effect).toMatchObject(expected);
    const listed = await ctx.api('get', `/api/v1/improvements?touchpointId=${tp.checkout}`, viewer).expect(200);
    expect(listed.body.data.find((i: { id: string }) => i.id === created.body.id).effect).toMatchObject(expected);
  });

  it('measuring while the after-window runs; insufficient_data when a full window has fewer answers than the minimum', async () => {
    const running = await ctx
      .api('post', '/api/v1/improvements', manager)
      .send({ touchpointId: tp.checkout, title: 'New returns label', launchedAt: iso(now - 10 * DAY), status: 'launched' })
      .expect(201);
    // The 20 detractors 31 days after the first launch (9 days ago) are this one's after-window so far.
    expect(running.body.effect).toMatchObject({ status: 'measuring', after: { n: 20, score: -100 }, significant: false });
    expect(Date.parse(running.body.effect.after.until)).toBeGreaterThanOrEqual(now);

    // A 1-day window around the first launch holds 4 answers on each side (6 hours apart): below 30.
    const short = await ctx
      .api('post', '/api/v1/improvements', manager)
      .send({ touchpointId: tp.checkout, title: 'One-day promo', launchedAt: iso(launch), windowDays: 1 })
      .expect(201);
    expect(short.body.effect).toMatchObject({ status: 'insufficient_data', before: { n: 4 }, after: { n: 4 }, significant: false });

    // Moving to launched without a date launches it now: measuring, nothing after yet.
    const planned = await ctx
      .api('post', '/api/v1/improvements', manager)
      .send({ touchpointId: tp.delivery, title: 'Courier SMS' })
      .expect(201);
    expect(planned.body).toMatchObject({ status: 'planned', launchedAt: null, effect: null });
    const launched = await ctx.api('patch', `/api/v1/improvements/${planned.body.id}`, manager).send({ status: 'launched' }).expect(200);
    expect(Date.parse(launched.body.launchedAt)).toBeGreaterThanOrEqual(now);
    expect(launched.body.effect).toMatchObject({ status: 'measuring', after: { n: 0, score: null }, delta: null });
    // Clearing the date clears the effect; the window can be changed.
    const cleared = await ctx
      .api('patch', `/api/v1/improvements/${planned.body.id}`, manager)
      .send({ launchedAt: null, windowDays: 14, owner: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ launchedAt: null, effect: null, windowDays: 14, owner: null, status: 'launched' });
  });

  it('lists by touchpoint or journey, and a CSAT change is measured in CSAT with no NPS touchpoint as its control', async () => {
    const csat = await ctx
      .api('post', '/api/v1/improvements')
      .send({ touchpointId: tp.returns, title: 'Free return labels', launchedAt: iso(launch) })
      .expect(201);
    // 0 of 50 satisfied → 50 of 50: +100 points; the journey has no other CSAT touchpoint.
    expect(csat.body.effect).toMatchObject({
      metric: 'csat',
      before: { n: 50, score: 0 },
      after: { n: 50, score: 100 },
      delta: 100,
      significant: true,
      control: null,
      adjustedDelta: null,
      status: 'measured',
    });
    const byTouchpoint = await ctx.api('get', `/api/v1/improvements?touchpointId=${tp.returns}`).expect(200);
    expect(byTouchpoint.body.data.map((i: { id: string }) => i.id)).toEqual([csat.body.id]);
    const journeyId = csat.body.journeyId;
    const byJourney = await ctx.api('get', `/api/v1/improvements?journeyId=${journeyId}`).expect(200);
    expect(byJourney.body.data.length).toBe((await improvements()).length);
    expect(byJourney.body.data[0].id).toBe(csat.body.id); // newest first
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const [existing] = await improvements();
    const before = await improvements();
    const good = { touchpointId: tp.checkout, title: 'Something' };
    const bad: Array<[object, number, RegExp]> = [
      [{ touchpointId: tp.checkout }, 400, /title/],
      [{ ...good, title: '' }, 400, /title/],
      [{ ...good, status: 'finished' }, 400, /status/],
      [{ ...good, windowDays: 0 }, 400, /windowDays/],
      [{ ...good, windowDays: 1.5 }, 400, /windowDays/],
      [{ ...good, windowDays: 366 }, 400, /windowDays/],
      [{ ...good, launchedAt: 'yesterday' }, 400, /launchedAt/],
      [{ ...good, touchpointId: 'checkout' }, 400, /touchpointId/],
      [{ ...good, colour: 'red' }, 400, /colour/],
      [{ ...good, metric: 'ces' }, 422, /metric ces: this touchpoint is measured by nps/],
      [{ ...good, touchpointId: tp.unasked, metric: 'nps' }, 422, /metric nps: this touchpoint has no survey or answers yet/],
      [{ ...good, touchpointId: tp.unasked }, 400, /metric is required/],
      [{ ...good, touchpointId: tp.mixed }, 400, /mixes metrics \(csat, nps\)/],
      [{ ...good, touchpointId: '0190d3c4-0000-7000-8000-000000000000' }, 404, /Touchpoint not found/],
    ];
    for (const [body, status, message] of bad) {
      const res = await ctx.api('post', '/api/v1/improvements', manager).send(body).expect(status);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    const patches: Array<[object, RegExp]> = [
      [{ title: null }, /title/],
      [{ status: null }, /status/],
      [{ windowDays: null }, /windowDays/],
      [{ touchpointId: tp.delivery }, /touchpointId/],
      [{ metric: 'nps ' }, /metric must be one of/],
    ];
    for (const [body, message] of patches) {
      const res = await ctx.api('patch', `/api/v1/improvements/${existing.id}`, manager).send(body).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    const lacking = await ctx.api('patch', `/api/v1/improvements/${existing.id}`, manager).send({ metric: 'csat' }).expect(422);
    expect(lacking.body.message).toMatch(/metric csat: this touchpoint is measured by nps/);
    await ctx.api('get', '/api/v1/improvements?touchpointId=checkout').expect(400);
    await ctx.api('get', '/api/v1/improvements/not-a-uuid').expect(400);
    expect(await improvements()).toEqual(before);
  });

  it('viewers read but cannot write; another workspace sees none of it', async () => {
    const [one] = await improvements();
    const before = await improvements();
    await ctx.api('post', '/api/v1/improvements', viewer).send({ touchpointId: tp.checkout, title: 'Nope' }).expect(403);
    await ctx.api('patch', `/api/v1/improvements/${one.id}`, viewer).send({ title: 'Nope' }).expect(403);
    await ctx.api('delete', `/api/v1/improvements/${one.id}`, viewer).expect(403);
    await ctx.http().get('/api/v1/improvements').expect(401);

    await ctx.api('get', `/api/v1/improvements/${one.id}`, other.apiKey).expect(404);
    await ctx.api('patch', `/api/v1/improvements/${one.id}`, other.apiKey).send({ title: 'Mine now' }).expect(404);
    await ctx.api('delete', `/api/v1/improvements/${one.id}`, other.apiKey).expect(404);
    expect((await ctx.api('get', '/api/v1/improvements', other.apiKey).expect(200)).body.data).toEqual([]);
    expect((await ctx.api('get', `/api/v1/improvements?touchpointId=${tp.checkout}`, other.apiKey).expect(200)).body.data).toEqual([]);
    // Its own improvement cannot sit on this workspace's touchpoint.
    await ctx.api('post', '/api/v1/improvements', other.apiKey).send({ touchpointId: tp.checkout, title: 'Theirs' }).expect(404);
    expect(await improvements()).toEqual(before);

    await ctx.api('delete', `/api/v1/improvements/${one.id}`, manager).expect(204);
    await ctx.api('get', `/api/v1/improvements/${one.id}`, viewer).expect(404);
    await ctx.api('delete', `/api/v1/improvements/${one.id}`, manager).expect(404);
  });
  it('measures the metric asked on a touchpoint with surveys of two, and refuses one it has no survey or answers of', async () => {
    // Its own journey, so that no touchpoint above gains a control nor this one has any: the figures are its own.
    const journey = await ctx
      .api('post', '/api/v1/journeys')
      .send({ name: 'Store visit', stages: [{ name: 'Visit' }] })
      .expect(201);
    const kiosk = (
      await ctx
        .api('post', '/api/v1/touchpoints')
        .send({ stageId: journey.body.stages[0].id, name: 'kiosk', key: 'kiosk', channel: 'store' })
        .expect(201)
    ).body.id as string;
    const asked: Record<string, string> = {};
    for (const metric of ['nps', 'csat']) {
      asked[metric] = (
        await ctx
          .api('post', '/api/v1/surveys')
          .send({ touchpointId: kiosk, metric, trigger: { event: `kiosk.${metric}` } })
          .expect(201)
      ).body.id;
    }
    // CSAT: 60 of 100 satisfied (5s, the rest 2s) → 78 of 100, the unit test's CSAT case. NPS: 0 → 0.
    const csat = (satisfied: number) => [...Array<number>(satisfied).fill(5), ...Array<number>(100 - satisfied).fill(2)];
    await importAround(asked.csat, csat(60), csat(78));
    await importAround(asked.nps, nps(30, 40, 30), nps(30, 40, 30));
    const before = await improvements();

    // Without a metric the touchpoint's two leave it open; a metric it has neither survey nor answers of is refused.
    const open = await ctx
      .api('post', '/api/v1/improvements', manager)
      .send({ touchpointId: kiosk, title: 'Shorter queue', launchedAt: iso(launch) })
      .expect(400);
    expect(open.body.message).toMatch(/mixes metrics \(csat, nps\)/);
    const ces = await ctx
      .api('post', '/api/v1/improvements', manager)
      .send({ touchpointId: kiosk, title: 'Shorter queue', launchedAt: iso(launch), metric: 'ces' })
      .expect(422);
    expect(ces.body.message).toBe('metric ces: this touchpoint is measured by csat, nps');
    expect(await improvements()).toEqual(before);

    const created = await ctx
      .api('post', '/api/v1/improvements', manager)
      .send({ touchpointId: kiosk, title: 'Shorter queue', launchedAt: iso(launch), metric: 'csat' })
      .expect(201);
    // 60 → 78 satisfied: +18 points, SE² = 10000·(.6·.4 + .78·.22)/100 = 41.16, CI 18 ± 1.96·6.4156 = [5.43, 30.57].
    // Wilson per window: [50.2, 69.1] and [68.9, 85.0] (improvement-effect.spec.ts). No other CSAT touchpoint: no control.
    expect(created.body).toMatchObject({ metric: 'csat', journeyId: journey.body.id });
    expect(created.body.effect).toMatchObject({
      metric: 'csat',
      before: { n: 100, score: 60, ci95: [50.2, 69.1] },
      after: { n: 100, score: 78, ci95: [68.9, 85] },
      delta: 18,
      ci95: [5.4, 30.6],
      significant: true,
      control: null,
      adjustedDelta: null,
      status: 'measured',
    });

    // The same change read in NPS: 0 → 0, SE = sqrt(60 + 60) = 10.954, CI 0 ± 21.47.
    const inNps = await ctx.api('patch', `/api/v1/improvements/${created.body.id}`, manager).send({ metric: 'nps' }).expect(200);
    expect(inNps.body.effect).toMatchObject({
      metric: 'nps',
      before: { n: 100, score: 0 },
      after: { n: 100, score: 0 },
      delta: 0,
      ci95: [-21.5, 21.5],
      significant: false,
      status: 'measured',
    });
    const stored = await improvements();
    await ctx.api('patch', `/api/v1/improvements/${created.body.id}`, manager).send({ metric: 'ces' }).expect(422);
    expect(await improvements()).toEqual(stored);
    expect((await ctx.api('get', `/api/v1/improvements/${created.body.id}`, viewer).expect(200)).body.effect.metric).toBe('nps');
  });
});
