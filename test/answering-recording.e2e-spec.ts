import { RateLimitPolicy } from '@cairn/rate-limit';
import { outboxTopics, recount, responsesOf, rollupCounts, seedInvitation } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('recording answers from a survey link', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
    // These tests post many times from one address; the limits have their own test.
    ctx.app.get(RateLimitPolicy).override('answer-submit', {});
    ctx.app.get(RateLimitPolicy).override('answer-page', {});
  });
  afterAll(() => ctx.close());

  it('rejects out-of-range and malformed scores with a 400 and stores nothing', async () => {
    const nps = await seedInvitation(ctx, { metric: 'nps' });
    const csat = await seedInvitation(ctx, { metric: 'csat' });
    const ces = await seedInvitation(ctx, { metric: 'ces' });
    const bad: [string, unknown][] = [
      [nps.responseToken, 11],
      [nps.responseToken, -1],
      [nps.responseToken, 7.5],
      [nps.responseToken, '7'],
      [nps.responseToken, null],
      [nps.responseToken, 'abc'],
      [csat.responseToken, 0],
      [csat.responseToken, 6],
      [ces.responseToken, 8],
      [ces.responseToken, 0],
    ];
    for (const [token, score] of bad) {
      const res = await ctx.http().post(`/r/${token}`).send({ score });
      if (score === '7') {
        // A numeric string is what an HTML form sends: accepted. Remove it for the next checks.
        expect(res.status).toBe(201);
        await ctx.prisma.response.deleteMany({ where: { invitationId: nps.invitation.id } });
        continue;
      }
      expect({ score, status: res.status }).toEqual({ score, status: 400 });
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    }
    const tooLong = await ctx
      .http()
      .post(`/r/${csat.responseToken}`)
      .send({ score: 3, comment: 'x'.repeat(2001) })
      .expect(400);
    expect(tooLong.body.message).toContain('2000');
    await ctx
      .http()
      .post(`/r/${csat.responseToken}`)
      .send({ score: 3, comment: { x: 1 } })
      .expect(400);
    await ctx.http().post(`/r/${csat.responseToken}`).send({ comment: 'no score' }).expect(400);
    const form = await ctx.http().post(`/r/${ces.responseToken}`).type('form').send({ score: '9' }).expect(400);
    expect(form.headers['content-type']).toContain('text/html');
    for (const seed of [nps, csat, ces]) expect(await responsesOf(ctx, seed.invitation.id)).toHaveLength(0);
  });

  it('records a form post with everything the response needs, and thanks in the person’s language', async () => {
    const seed = await seedInvitation(ctx, { locale: 'da-DK', personProperties: { plan: 'basic', city: 'Aarhus' } });
    const res = await ctx.http().post(`/r/${seed.responseToken}`).type('form').send({ score: '3', comment: '  Late again  ' }).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('Tak for din feedback');
    const [response] = await responsesOf(ctx, seed.invitation.id);
    expect(response).toMatchObject({
      workspaceId: seed.workspaceId,
      surveyId: seed.survey.id,
      personId: seed.person.id,
      touchpointId: seed.touchpoint.id,
      stageId: seed.stage.id,
      journeyId: seed.journey.id,
      metric: 'nps',
      scaleMin: 0,
      scaleMax: 10,
      score: 3,
      comment: 'Late again',
      locale: 'da',
      source: 'email',
      personProperties: { plan: 'basic', city: 'Aarhus' },
    });
    expect(response.editableUntil!.getTime() - response.createdAt.getTime()).toBe(86_400_000);
    const invitation = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: seed.invitation.id } });
    expect(invitation.status).toBe('responded');
    expect(invitation.respondedAt).toEqual(response.createdAt);
    expect(await outboxTopics(ctx, response.id)).toEqual(['response.created', 'response.detractor']);
    expect(await rollupCounts(ctx, seed.touchpoint.id)).toEqual({ 3: 1 });
  });

  it('snapshots person properties: a later change does not rewrite the answer', async () => {
    const seed = await seedInvitation(ctx, { personProperties: { plan: 'pro' } });
    await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 10 }).expect(201);
    await ctx.prisma.person.update({ where: { id: seed.person.id }, data: { properties: { plan: 'free' } } });
    const [response] = await responsesOf(ctx, seed.invitation.id);
    expect(response.personProperties).toEqual({ plan: 'pro' });
  });

  it('edits within the edit window, keeping rollups equal to a recount and announcing each change', async () => {
    const seed = await seedInvitation(ctx);
    const first = await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 8 }).expect(201);
    expect(first.body).toMatchObject({ score: 8, comment: null, outcome: 'created' });
    const again = await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 8 }).expect(200);
    expect(again.body.outcome).toBe('unchanged');
    const comment = await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 8, comment: 'Friendly driver' }).expect(200);
    expect(comment.body).toMatchObject({ id: first.body.id, score: 8, comment: 'Friendly driver', outcome: 'updated' });
    await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 10 }).expect(200);
    const [response] = await responsesOf(ctx, seed.invitation.id);
    expect(response).toMatchObject({ score: 10, comment: 'Friendly driver' });
    expect(await outboxTopics(ctx, response.id)).toEqual(['response.created', 'response.updated', 'response.updated', 'response.promoter']);
    expect(await rollupCounts(ctx, seed.touchpoint.id)).toEqual(await recount(ctx, seed.touchpoint.id));
    expect(await rollupCounts(ctx, seed.touchpoint.id)).toEqual({ 10: 1 });

    const page = await ctx.http().get(`/r/${seed.responseToken}`).expect(200);
    expect(page.text).toMatch(/id="score-10" value="10" checked>/);
    expect(page.text).toContain('>Friendly driver</textarea>');
    const form = await ctx
      .http()
      .post(`/r/${seed.responseToken}`)
      .type('form')
      .send({ score: '9', comment: 'Friendly driver' })
      .expect(200);
    expect(form.text).toContain('Ditt svar har uppdaterats');
  });

  it('refuses edits after the edit window with a 409, changing nothing', async () => {
    const seed = await seedInvitation(ctx);
    const created = await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 2, comment: 'Broken' }).expect(201);
    await ctx.prisma.response.update({ where: { id: created.body.id }, data: { editableUntil: new Date(Date.now() - 1000) } });
    const res = await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 9 }).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    const form = await ctx.http().post(`/r/${seed.responseToken}`).type('form').send({ score: '9' }).expect(409);
    expect(form.text).toContain('kan inte längre ändras');
    const page = await ctx.http().get(`/r/${seed.responseToken}?score=9`).expect(200);
    expect(page.text).not.toContain('<form');
    const [response] = await responsesOf(ctx, seed.invitation.id);
    expect(response).toMatchObject({ score: 2, comment: 'Broken' });
    expect(await outboxTopics(ctx, response.id)).toEqual(['response.created', 'response.detractor']);
    expect(await rollupCounts(ctx, seed.touchpoint.id)).toEqual({ 2: 1 });
  });

  it('uses the workspace edit window', async () => {
    const seed = await seedInvitation(ctx);
    await ctx.prisma.workspace.update({ where: { id: seed.workspaceId }, data: { editWindowSeconds: 600 } });
    try {
      const created = await ctx.http().post(`/r/${seed.responseToken}`).send({ score: 5 }).expect(201);
      expect(new Date(created.body.editableUntil).getTime() - Date.now()).toBeLessThanOrEqual(600_000);
      expect(new Date(created.body.editableUntil).getTime() - Date.now()).toBeGreaterThan(590_000);
    } finally {
      await ctx.prisma.workspace.update({ where: { id: seed.workspaceId }, data: { editWindowSeconds: 86_400 } });
    }
  });
});
