import { ApiKeyService } from '@cairn/auth';
import { startTestApi, TestContext } from './utils/test-app';

/**
 * Journey map layers (issue 14, points 1–2): stage goals and actions, touchpoint owners and targets, personas as
 * portraits, and the map's targetMet / painPoints / sentiment / topThemes — on fixtures whose figures are worked out
 * by hand in the comments.
 */
describe('Journey map layers: goals, actions, owners, targets, comment layer, pain points, personas', () => {
  let ctx: TestContext;
  let manager: string;
  let viewer: string;
  let other: { workspaceId: string; apiKey: string };
  let journeyId: string;
  let choose: string;
  let receive: string;
  const tp: Record<'checkout' | 'delivery' | 'support' | 'quiet', string> = {} as never;
  const survey: Record<'checkout' | 'delivery' | 'support', string> = {} as never;
  let pro: string;
  // The map's range: March 2026; the previous period of equal length is 30 Jan – 1 Mar.
  const RANGE = { since: '2026-03-01', until: '2026-03-31' };
  const LONG = `The checkout failed ${'again and again, '.repeat(12)}and I gave up on the whole order in the end.`;

  let seq = 0;
  /** Imports answers of one survey, each by its own person of the given plan; returns the response ids in order. */
  async function answers(surveyId: string, plan: string, at: string, items: Array<{ score: number; comment?: string }>): Promise<string[]> {
    const res = await ctx
      .api('post', '/api/v1/responses/import')
      .send({
        items: items.map((item, i) => ({
          surveyId,
          score: item.score,
          comment: item.comment,
          createdAt: new Date(Date.parse(at) + i * 60_000).toISOString(),
          person: { email: `p${seq++}@example.com`, properties: { plan } },
        })),
      })
      .expect(201);
    return res.body.responseIds;
  }

  /** The analysis the worker would write, with hand-chosen sentiment and themes (no worker runs in this file). */
  async function analyse(responseId: string, score: number, themes: string[]): Promise<void> {
    const label = score > 0.05 ? 'positive' : score < -0.05 ? 'negative' : 'neutral';
    const { themesVersion } = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId } });
    const data = {
      workspaceId: ctx.workspaceId,
      language: 'en',
      sentimentScore: score,
      sentimentLabel: label,
      themes,
      themesVersion,
    } as const;
    await ctx.prisma.commentAnalysis.upsert({ where: { responseId }, create: { responseId, ...data }, update: data });
  }

  const map = (query: Record<string, string> = {}, key?: string) =>
    ctx.api('get', `/api/v1/journeys/${journeyId}/map`, key).query({ ...RANGE, ...query });

  beforeAll(async () => {
    ctx = await startTestApi();
    manager = (await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'cx lead', 'manager')).key;
    viewer = (await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'reader', 'viewer')).key;
    other = await ctx.createWorkspace('elsewhere');

    const journey = await ctx
      .api('post', '/api/v1/journeys', manager)
      .send({
        name: 'Online shop',
        stages: [{ name: 'Choose', customerGoal: 'Find the right plan', customerActions: ['Compare plans', 'Pay'] }, { name: 'Receive' }],
      })
      .expect(201);
    journeyId = journey.body.id;
    [choose, receive] = journey.body.stages.map((s: { id: string }) => s.id);
    expect(journey.body.stages[0]).toMatchObject({ customerGoal: 'Find the right plan', customerActions: ['Compare plans', 'Pay'] });
    expect(journey.body.stages[1]).toMatchObject({ customerGoal: null, customerActions: [] });

    const touchpoint = async (name: keyof typeof tp, stageId: string, extra: object = {}) => {
      const res = await ctx
        .api('post', '/api/v1/touchpoints', manager)
        .send({ stageId, name, key: name, channel: 'web', ...extra })
        .expect(201);
      tp[name] = res.body.id;
      return res.body;
    };
    const created = await touchpoint('checkout', choose, { owner: 'Web team', target: 30 });
    expect(created).toMatchObject({ owner: 'Web team', target: 30 });
    await touchpoint('delivery', receive);
    await touchpoint('support', receive, { owner: 'Support' });
    await touchpoint('quiet', receive);
    for (const [name, metric] of [
      ['checkout', 'nps'],
      ['delivery', 'csat'],
      ['support', 'ces'],
    ] as const) {
      const res = await ctx
        .api('post', '/api/v1/surveys', manager)
        .send({ touchpointId: tp[name], metric, trigger: { event: `${name}.done` } })
        .expect(201);
      survey[name] = res.body.id;
    }
    await ctx.api('patch', `/api/v1/touchpoints/${tp.delivery}`, manager).send({ target: 80, owner: 'Logistics' }).expect(200);

    // Checkout (NPS, target 30), March: pro 10 × 10; basic 2 × 9 and 8 × 0 → n 20, P 12, D 8: NPS 100·4/20 = 20.
    // Pro alone: 10 promoters, NPS 100.
    const proIds = await answers(survey.checkout, 'pro', '2026-03-05T10:00:00Z', [
      { score: 10, comment: 'Quick checkout, love it' },
      { score: 10, comment: 'Fair price' },
      { score: 10, comment: 'Great app' },
      { score: 10, comment: 'Delivery was fast' },
      ...Array.from({ length: 6 }, () => ({ score: 10 })),
    ]);
    const basicIds = await answers(survey.checkout, 'basic', '2026-03-06T10:00:00Z', [
      { score: 0, comment: 'Checkout kept failing at payment' },
      { score: 0, comment: 'Payment page was slow and the price too high' },
      { score: 0, comment: LONG },
      { score: 9, comment: 'ok' },
      { score: 9 },
      ...Array.from({ length: 5 }, () => ({ score: 0 })),
    ]);
    // Sentiment: −0.8, −0.6, +0.9, +0.5, +0.7, 0, −0.95, +0.5 → sum 0.25 over 8 comments: mean 0.03125 → 0.031.
    await analyse(basicIds[0], -0.8, ['checkout_payment']);
    await analyse(basicIds[1], -0.6, ['checkout_payment', 'price']);
    await analyse(proIds[0], 0.9, ['checkout_payment']);
    await analyse(proIds[1], 0.5, ['price']);
    await analyse(proIds[2], 0.7, ['website_app']);
    await analyse(basicIds[3], 0, []);
    await analyse(basicIds[2], -0.95, ['checkout_payment']);
    await analyse(proIds[3], 0.5, ['delivery']);
    // February: outside the range, so neither its comment nor its sentiment counts.
    const [old] = await answers(survey.checkout, 'basic', '2026-02-10T10:00:00Z', [{ score: 0, comment: 'Too expensive' }]);
    await analyse(old, -1, ['price']);

    // Delivery (CSAT, target 80), all basic: February 20 × 5 (100 % satisfied); March 10 × 5 and 10 × 1 (50 %).
    // Pooled p = 30/40 = 0.75, SE = √(0.75·0.25·(1/20 + 1/20)) = 0.137; |−0.5| > 1.96·0.137 = 0.268: a significant drop.
    await answers(
      survey.delivery,
      'basic',
      '2026-02-12T10:00:00Z',
      Array.from({ length: 20 }, () => ({ score: 5 })),
    );
    await answers(survey.delivery, 'basic', '2026-03-12T10:00:00Z', [
      ...Array.from({ length: 10 }, () => ({ score: 5 })),
      ...Array.from({ length: 10 }, () => ({ score: 1 })),
    ]);
    // Support (CES, no target): 10 × 6, mean 6.
    await answers(
      survey.support,
      'pro',
      '2026-03-15T10:00:00Z',
      Array.from({ length: 10 }, () => ({ score: 6 })),
    );

    pro = (
      await ctx
        .api('post', '/api/v1/personas', manager)
        .send({
          name: 'Pro buyer',
          description: 'Pays for the pro plan',
          goals: ['Order in under a minute'],
          painPoints: ['Slow payment page'],
          quote: 'Just let me pay.',
          filters: { plan: 'pro' },
        })
        .expect(201)
    ).body.id;
  }, 120_000);
  afterAll(async () => {
    await ctx?.close();
  });

  it('sets and clears stage goals and actions through PATCH, read back on the journey', async () => {
    const patched = await ctx
      .api('patch', `/api/v1/stages/${receive}`, manager)
      .send({ customerGoal: 'Get it before the weekend', customerActions: ['Track the parcel', 'Open the door'] })
      .expect(200);
    expect(patched.body).toMatchObject({
      customerGoal: 'Get it before the weekend',
      customerActions: ['Track the parcel', 'Open the door'],
    });
    const added = await ctx
      .api('post', `/api/v1/journeys/${journeyId}/stages`, manager)
      .send({ name: 'Return', customerGoal: 'Send it back', customerActions: ['Print the label'] })
      .expect(201);
    expect(added.body).toMatchObject({ customerGoal: 'Send it back', customerActions: ['Print the label'] });
    const read = await ctx.api('get', `/api/v1/journeys/${journeyId}`, viewer).expect(200);
    expect(read.body.stages[1]).toMatchObject({
      customerGoal: 'Get it before the weekend',
      customerActions: ['Track the parcel', 'Open the door'],
    });

    await ctx.api('patch', `/api/v1/stages/${added.body.id}`, manager).send({ customerGoal: null, customerActions: [] }).expect(200);
    const cleared = await ctx.api('get', `/api/v1/journeys/${journeyId}`, viewer).expect(200);
    expect(cleared.body.stages[2]).toMatchObject({ customerGoal: null, customerActions: [] });
    await ctx.api('delete', `/api/v1/stages/${added.body.id}`, manager).expect(204);
  });

  it('refuses bad stage layers with 400 and changes nothing; unknown stage 404; viewers 403', async () => {
    const before = await ctx.prisma.stage.findUniqueOrThrow({ where: { id: choose } });
    for (const body of [
      { customerActions: 'Compare plans' },
      { customerActions: [''] },
      { customerActions: ['x'.repeat(201)] },
      { customerActions: Array.from({ length: 21 }, (_, i) => `step ${i}`) },
      { customerActions: [3] },
      { customerGoal: 'x'.repeat(501) },
      { customerGoal: 42 },
    ]) {
      await ctx.api('patch', `/api/v1/stages/${choose}`, manager).send(body).expect(400);
    }
    expect(await ctx.prisma.stage.findUniqueOrThrow({ where: { id: choose } })).toEqual(before);
    await ctx.api('patch', '/api/v1/stages/01900000-0000-7000-8000-000000000000', manager).send({ customerGoal: 'x' }).expect(404);
    await ctx.api('patch', `/api/v1/stages/${choose}`, other.apiKey).send({ customerGoal: 'x' }).expect(404);
    await ctx.api('patch', `/api/v1/stages/${choose}`, viewer).send({ customerGoal: 'x' }).expect(403);
  });

  it("validates a target on its touchpoint's metric scale: NPS −100..100, CSAT 0..100, CES 1..7", async () => {
    const patch = (id: string, body: object, key = manager) => ctx.api('patch', `/api/v1/touchpoints/${id}`, key).send(body);
    // NPS.
    await patch(tp.checkout, { target: 101 }).expect(422);
    await patch(tp.checkout, { target: -101 }).expect(422);
    expect((await patch(tp.checkout, { target: -100 }).expect(200)).body.target).toBe(-100);
    // CSAT: a share in %, never negative.
    const csat = await patch(tp.delivery, { target: -5 }).expect(422);
    expect(csat.body.message).toBe('target -5 is outside the CSAT scale of this touchpoint: 0 to 100');
    await patch(tp.delivery, { target: 100.5 }).expect(422);
    // CES: a mean of 1..7.
    await patch(tp.support, { target: 8 }).expect(422);
    await patch(tp.support, { target: 0.5 }).expect(422);
    expect((await patch(tp.support, { target: 5.5 }).expect(200)).body).toMatchObject({ target: 5.5, owner: 'Support' });
    // No survey yet: the widest scale.
    await patch(tp.quiet, { target: 101 }).expect(422);
    await ctx
      .api('post', '/api/v1/touchpoints', manager)
      .send({ stageId: receive, name: 'New', key: 'new-one', channel: 'web', target: -101 })
      .expect(422);
    expect(await ctx.prisma.touchpoint.findFirst({ where: { key: 'new-one' } })).toBeNull();
    // Not numbers.
    for (const body of [{ target: '40' }, { target: true }, { target: [40] }, { owner: 42 }, { owner: '' }, { owner: 'x'.repeat(121) }]) {
      await patch(tp.checkout, body).expect(400);
    }
    // 404 and roles.
    await patch('01900000-0000-7000-8000-000000000000', { target: 10 }).expect(404);
    await patch(tp.checkout, { target: 10 }, other.apiKey).expect(404);
    await patch(tp.checkout, { target: 10 }, viewer).expect(403);
    // Null clears; set back the fixture's values.
    expect((await patch(tp.support, { target: null, owner: null }).expect(200)).body).toMatchObject({ target: null, owner: null });
    await patch(tp.support, { owner: 'Support' }).expect(200);
    await patch(tp.checkout, { target: 30 }).expect(200);
    const read = await ctx.api('get', `/api/v1/touchpoints/${tp.checkout}`, viewer).expect(200);
    expect(read.body).toMatchObject({ owner: 'Web team', target: 30 });
  });

  it('shows owners, targets met or missed and pain points on the map', async () => {
    const res = await map({}, viewer).expect(200);
    const [s0, s1] = res.body.stages;
    expect(s0).toMatchObject({ name: 'Choose', customerGoal: 'Find the right plan', customerActions: ['Compare plans', 'Pay'] });
    const [checkout] = s0.touchpoints;
    // NPS 20 against a target of 30: missed. Not significantly down (no February answers but one).
    expect(checkout).toMatchObject({ metric: 'nps', n: 20, score: 20, owner: 'Web team', target: 30, targetMet: false });
    expect(s0.painPoints).toEqual([
      {
        touchpointId: tp.checkout,
        name: 'checkout',
        metric: 'nps',
        reasons: ['below_target'],
        score: 20,
        target: 30,
        delta: checkout.delta,
        reliable: false,
      },
    ]);
    const [delivery, support, quiet] = s1.touchpoints;
    // CSAT 50 % against 80: missed, and down 50 points from 100 %, beyond noise.
    expect(delivery).toMatchObject({ metric: 'csat', n: 20, score: 50, delta: -50, owner: 'Logistics', target: 80, targetMet: false });
    expect(delivery.previous).toMatchObject({ score: 100, n: 20, significant: true });
    // No target: targetMet null; no survey or answer: null too.
    expect(support).toMatchObject({ metric: 'ces', score: 6, owner: 'Support', target: null, targetMet: null });
    expect(quiet).toMatchObject({ metric: null, targetMet: null, owner: null, target: null });
    expect(s1.painPoints).toEqual([
      {
        touchpointId: tp.delivery,
        name: 'delivery',
        metric: 'csat',
        reasons: ['below_target', 'significant_drop'],
        score: 50,
        target: 80,
        delta: -50,
        reliable: false,
      },
    ]);

    // A target reached exactly is met (score ≥ target).
    await ctx.api('patch', `/api/v1/touchpoints/${tp.checkout}`, manager).send({ target: 20 }).expect(200);
    const met = await map().expect(200);
    expect(met.body.stages[0].touchpoints[0]).toMatchObject({ score: 20, target: 20, targetMet: true });
    expect(met.body.stages[0].painPoints).toEqual([]);
    await ctx.api('patch', `/api/v1/touchpoints/${tp.checkout}`, manager).send({ target: 30 }).expect(200);
  });

  it("adds each stage's comment sentiment and top themes with a quote", async () => {
    const res = await map().expect(200);
    const [s0, s1] = res.body.stages;
    expect(s0).toMatchObject({ sentiment: 0.031, sentimentN: 8 });
    expect(s0.topThemes).toEqual([
      // 4 mentions, 3 negative: negative-leaning, so the most negative short comment (the −0.95 one is too long).
      {
        theme: 'checkout_payment',
        name: 'Checkout and payment',
        mentions: 4,
        negativeShare: 0.75,
        quote: { responseId: expect.any(String), text: 'Checkout kept failing at payment' },
      },
      // 1 negative, 1 positive: not negative-leaning, so the most positive. February's "Too expensive" is out of range.
      { theme: 'price', name: 'Price', mentions: 2, negativeShare: 0.5, quote: { responseId: expect.any(String), text: 'Fair price' } },
      // delivery and website_app tie at 1 mention: the key decides.
      {
        theme: 'delivery',
        name: 'Delivery',
        mentions: 1,
        negativeShare: 0,
        quote: { responseId: expect.any(String), text: 'Delivery was fast' },
      },
    ]);
    // No comments in the stage: null sentiment, no themes.
    expect(s1).toMatchObject({ sentiment: null, sentimentN: 0, topThemes: [] });
  });

  it("reads the map with a persona's filters: its numbers change as computed by hand", async () => {
    const res = await map({ personaId: pro }, viewer).expect(200);
    const [s0, s1] = res.body.stages;
    // Pro alone: 10 promoters → NPS 100 ≥ 30, no pain point.
    expect(s0.touchpoints[0]).toMatchObject({ n: 10, score: 100, targetMet: true });
    expect(s0.painPoints).toEqual([]);
    // Sentiment of the pro comments: (0.9 + 0.5 + 0.7 + 0.5)/4 = 0.65; four themes at one mention each, by key.
    expect(s0).toMatchObject({ sentiment: 0.65, sentimentN: 4 });
    expect(s0.topThemes.map((t: { theme: string; negativeShare: number }) => [t.theme, t.negativeShare])).toEqual([
      ['checkout_payment', 0],
      ['delivery', 0],
      ['price', 0],
    ]);
    expect(s0.topThemes[0].quote.text).toBe('Quick checkout, love it');
    // No pro answer to delivery: nothing to judge.
    expect(s1.touchpoints[0]).toMatchObject({ n: 0, score: null, targetMet: null });
    expect(s1.touchpoints[1]).toMatchObject({ n: 10, score: 6 });
    expect(s1.painPoints).toEqual([]);
    // The older parameter name reads the same.
    const legacy = await map({ persona: pro }).expect(200);
    expect(legacy.body.stages).toEqual(res.body.stages);
  });

  it('answers 404 for an unknown persona or one of another workspace, 400 for both parameter names', async () => {
    await map({ personaId: '01900000-0000-7000-8000-000000000000' }).expect(404);
    const theirs = await ctx
      .api('post', '/api/v1/personas', other.apiKey)
      .send({ name: 'Theirs', filters: { plan: 'pro' } })
      .expect(201);
    const res = await map({ personaId: theirs.body.id }).expect(404);
    expect(res.body.message).toBe('Persona not found');
    await map({ personaId: pro, persona: pro }).expect(400);
    await ctx.api('get', `/api/v1/journeys/${journeyId}/map`, other.apiKey).query(RANGE).expect(404);
  });

  it('keeps personas as portraits: goals, pain points and a quote beside the filters', async () => {
    const read = await ctx.api('get', `/api/v1/personas/${pro}`, viewer).expect(200);
    expect(read.body).toMatchObject({
      name: 'Pro buyer',
      goals: ['Order in under a minute'],
      painPoints: ['Slow payment page'],
      quote: 'Just let me pay.',
      filters: { plan: 'pro' },
    });
    const patched = await ctx
      .api('patch', `/api/v1/personas/${pro}`, manager)
      .send({ goals: ['Order in under a minute', 'Pay by invoice'], quote: null })
      .expect(200);
    expect(patched.body).toMatchObject({
      goals: ['Order in under a minute', 'Pay by invoice'],
      painPoints: ['Slow payment page'],
      quote: null,
    });
    const before = await ctx.prisma.persona.findUniqueOrThrow({ where: { id: pro } });
    for (const body of [
      { goals: 'fast' },
      { goals: [''] },
      { painPoints: [1] },
      { quote: 'x'.repeat(501) },
      { goals: Array(21).fill('g') },
    ]) {
      await ctx.api('patch', `/api/v1/personas/${pro}`, manager).send(body).expect(400);
    }
    expect(await ctx.prisma.persona.findUniqueOrThrow({ where: { id: pro } })).toEqual(before);
    const bare = await ctx
      .api('post', '/api/v1/personas', manager)
      .send({ name: 'Bare', filters: { plan: 'free' } })
      .expect(201);
    expect(bare.body).toMatchObject({ goals: [], painPoints: [], quote: null });
  });
});
