import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHmac } from 'node:crypto';
import { ApiKeyService } from '@cairn/auth';
import { seedInvitation } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

// Issue 22, point 4: the publishable key is public, so a widget answer may
// name a person only when the site signed them (identity verification).
describe('widget identity verification', () => {
  let ctx: TestContext;
  let worker: NestFastifyApplication;
  let key: string;
  let vip: { id: string };
  const site = 'https://shop.example.com';
  const sign = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('hex');

  beforeAll(async () => {
    ctx = await startTestApi();
    worker = await startTestWorker(ctx.config);
    const seed = await seedInvitation(ctx, { metric: 'nps' });
    await ctx.prisma.touchpoint.update({ where: { id: seed.touchpoint.id }, data: { channel: 'web', key: 'signup' } });
    key = (await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { corsOrigins: [site] } })).publishableKey;
    vip = await ctx.prisma.person.create({
      data: {
        workspaceId: ctx.workspaceId,
        email: 'vip@example.com',
        externalId: 'cust-7',
        name: 'Vera',
        locale: 'sv',
        properties: { plan: 'enterprise' },
      },
    });
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
  });

  const answer = (person: object | undefined, score = 1) =>
    ctx
      .http()
      .post('/api/v1/public/responses')
      .set('Origin', site)
      .send({ workspaceKey: key, touchpointKey: 'signup', score, comment: 'Slow', person });
  const vipNow = () => ctx.prisma.person.findUniqueOrThrow({ where: { id: vip.id } });
  const caseOf = (responseId: string) => waitFor(() => ctx.prisma.case.findUnique({ where: { responseId } }), 15_000, 'case');
  const newSecret = async () => (await ctx.api('post', '/api/v1/widget/identity-secret').expect(201)).body.secret as string;

  it('stores an unsigned answer naming an existing person anonymously: no link, no change, no case in their name', async () => {
    const before = await vipNow();
    const people = await ctx.prisma.person.count();
    for (const person of [
      { email: 'VIP@example.com', name: 'Mallory', locale: 'da', properties: { plan: 'free' } },
      { externalId: 'cust-7', name: 'Mallory' },
    ]) {
      const res = await answer(person).expect(201);
      const stored = await ctx.prisma.response.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(stored).toMatchObject({ personId: null, personProperties: {}, score: 1 });
      // Still counted, and the detractor still opens a case: an anonymous one.
      expect(await caseOf(res.body.id)).toMatchObject({ personId: null });
      const alert = await ctx.prisma.alert.findFirstOrThrow({ where: { responseId: res.body.id } });
      expect(JSON.stringify(alert.details)).not.toMatch(/vip@example|Vera|enterprise/);
    }
    expect(await vipNow()).toEqual(before);
    expect(await ctx.prisma.person.count()).toBe(people);
    expect(await ctx.prisma.case.count({ where: { personId: vip.id } })).toBe(0);
  });

  it('lets an admin create a secret shown once, and attaches a signed answer without changing the person', async () => {
    const created = await ctx.api('post', '/api/v1/widget/identity-secret').expect(201);
    expect(created.body).toMatchObject({
      secret: expect.stringMatching(/^wis_[A-Za-z0-9_-]{40,}$/),
      prefix: created.body.secret.slice(0, 10),
    });
    const status = await ctx.api('get', '/api/v1/widget/identity-secret').expect(200);
    expect(status.body).toMatchObject({ configured: true, prefix: created.body.prefix });
    expect(JSON.stringify(status.body)).not.toContain(created.body.secret);

    const before = await vipNow();
    const userHash = sign(created.body.secret, 'cust-7');
    const res = await answer({
      externalId: 'cust-7',
      email: 'attacker@example.com',
      name: 'Mallory',
      locale: 'da',
      properties: { plan: 'free' },
      userHash,
    }).expect(201);
    const stored = await ctx.prisma.response.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored).toMatchObject({ personId: vip.id, personProperties: { plan: 'enterprise' } });
    expect(await caseOf(res.body.id)).toMatchObject({ personId: vip.id });
    expect(await vipNow()).toEqual(before);

    // A signed email of someone new creates them with that email only.
    const fresh = await answer(
      { email: 'New@Example.com', externalId: undefined, name: 'Nia', userHash: sign(created.body.secret, 'New@Example.com') },
      9,
    ).expect(201);
    const person = await ctx.prisma.person.findFirstOrThrow({ where: { email: 'new@example.com' } });
    expect(person).toMatchObject({ name: 'Nia', externalId: null });
    expect((await ctx.prisma.response.findUniqueOrThrow({ where: { id: fresh.body.id } })).personId).toBe(person.id);
  });

  it('refuses a forged, misplaced or stale hash with 403 and stores nothing', async () => {
    const secret = await newSecret();
    const other = await ctx.createWorkspace('widget-other');
    const otherSecret = (await ctx.api('post', '/api/v1/widget/identity-secret', other.apiKey).expect(201)).body.secret;
    const before = { vip: await vipNow(), responses: await ctx.prisma.response.count(), people: await ctx.prisma.person.count() };
    const forged = await answer({ externalId: 'cust-7', userHash: sign('guessed', 'cust-7') }).expect(403);
    expect(forged.body).toMatchObject({ statusCode: 403, message: expect.stringContaining('userHash does not match') });
    await answer({ externalId: 'cust-7', userHash: sign(secret, 'attacker') }).expect(403);
    await answer({ email: 'vip@example.com', userHash: sign(secret, 'cust-7') }).expect(403);
    await answer({ externalId: 'cust-7', userHash: sign(otherSecret, 'cust-7') }).expect(403);
    await answer({ userHash: sign(secret, '') }).expect(403);
    await answer({ externalId: 'cust-7', userHash: 'not-hex' }).expect(400);

    const rotated = await newSecret();
    await answer({ externalId: 'cust-7', userHash: sign(secret, 'cust-7') }).expect(403);
    await ctx.api('delete', '/api/v1/widget/identity-secret').expect(204);
    const unset = await answer({ externalId: 'cust-7', userHash: sign(rotated, 'cust-7') }).expect(403);
    expect(unset.body.message).toContain('not set up');
    await ctx.api('delete', '/api/v1/widget/identity-secret').expect(404);
    expect(await ctx.api('get', '/api/v1/widget/identity-secret').expect(200)).toMatchObject({ body: { configured: false } });

    expect(await ctx.prisma.response.count()).toBe(before.responses);
    expect(await ctx.prisma.person.count()).toBe(before.people);
    expect(await vipNow()).toEqual(before.vip);
  });

  it('lets only admins see or change the secret', async () => {
    const manager = await ctx.app.get(ApiKeyService).create(ctx.workspaceId, 'manager', 'manager');
    await ctx.api('post', '/api/v1/widget/identity-secret', manager.key).expect(403);
    await ctx.api('get', '/api/v1/widget/identity-secret', manager.key).expect(403);
    await ctx.http().post('/api/v1/widget/identity-secret').expect(401);
  });
});
