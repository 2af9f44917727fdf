import { emailHash } from '@cairn/common';
import { RateLimitPolicy } from '@cairn/rate-limit';
import { seedInvitation } from './answering.fixtures';
import { startTestApi, TestContext } from './utils/test-app';

describe('unsubscribe links', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApi();
    ctx.app.get(RateLimitPolicy).override('unsubscribe', {});
  });
  afterAll(() => ctx.close());

  async function pendingInvitation(surveyId: string, personId: string, workspaceId: string) {
    return ctx.prisma.invitation.create({
      data: {
        workspaceId,
        surveyId,
        personId,
        status: 'scheduled',
        scheduledFor: new Date(Date.now() + 86_400_000),
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
      },
    });
  }

  it('GET and HEAD only show a page with a button', async () => {
    const seed = await seedInvitation(ctx, { locale: 'en' });
    const page = await ctx.http().get(`/u/${seed.unsubscribeToken}`).expect(200);
    expect(page.text).toContain('Stop receiving surveys from');
    expect(page.text).toMatch(/<form method="post" action="[^"]+"><button type="submit">Unsubscribe<\/button><\/form>/);
    await ctx.http().head(`/u/${seed.unsubscribeToken}`).expect(200);
    const person = await ctx.prisma.person.findUniqueOrThrow({ where: { id: seed.person.id } });
    expect(person.unsubscribedAt).toBeNull();
    expect(await ctx.prisma.suppression.count({ where: { workspaceId: seed.workspaceId } })).toBe(0);
  });

  it('one-click POST (RFC 8058) unsubscribes, suppresses, cancels pending surveys and announces it once', async () => {
    const seed = await seedInvitation(ctx, { locale: 'sv' });
    const pending = await pendingInvitation(seed.survey.id, seed.person.id, seed.workspaceId);
    const res = await ctx.http().post(`/u/${seed.unsubscribeToken}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain('Du är nu avregistrerad');

    const person = await ctx.prisma.person.findUniqueOrThrow({ where: { id: seed.person.id } });
    expect(person.unsubscribedAt).toBeInstanceOf(Date);
    const suppression = await ctx.prisma.suppression.findUniqueOrThrow({
      where: { workspaceId_emailHash: { workspaceId: seed.workspaceId, emailHash: emailHash(seed.person.email!) } },
    });
    expect(suppression).toMatchObject({ reason: 'unsubscribed', email: seed.person.email });
    expect(await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: 'cancelled',
      reason: 'unsubscribed',
    });
    // The invitation that carried the link was already sent: it stays as it was.
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: seed.invitation.id } })).status).toBe('sent');

    // A second click (mail client and person both) changes nothing and says the same.
    const again = await ctx.http().post(`/u/${seed.unsubscribeToken}`).expect(200);
    expect(again.text).toBe(res.text);
    const events = await ctx.prisma.outboxEvent.findMany({ where: { topic: 'person.unsubscribed', workspaceId: seed.workspaceId } });
    expect(events.filter((e) => (e.payload as { personId: string }).personId === seed.person.id)).toHaveLength(1);
    expect(events.find((e) => (e.payload as { personId: string }).personId === seed.person.id)!.payload).toEqual({
      personId: seed.person.id,
    });
  });

  it('accepts the multipart body some mail providers send', async () => {
    const seed = await seedInvitation(ctx);
    await ctx.http().post(`/u/${seed.unsubscribeToken}`).field('List-Unsubscribe', 'One-Click').expect(200);
    expect((await ctx.prisma.person.findUniqueOrThrow({ where: { id: seed.person.id } })).unsubscribedAt).toBeInstanceOf(Date);
  });

  it('keeps working after the survey expired, but not for unknown or answer tokens', async () => {
    const expired = await seedInvitation(ctx, { status: 'expired', expiresAt: new Date(Date.now() - 1000) });
    await ctx.http().post(`/u/${expired.unsubscribeToken}`).expect(200);
    const live = await seedInvitation(ctx);
    const unknown = await ctx
      .http()
      .post(`/u/${'B'.repeat(32)}`)
      .expect(404);
    const wrongKind = await ctx.http().post(`/u/${live.responseToken}`).expect(404);
    expect(wrongKind.text).toBe(unknown.text);
    await ctx.http().get(`/u/${live.responseToken}`).expect(404);
    expect((await ctx.prisma.person.findUniqueOrThrow({ where: { id: live.person.id } })).unsubscribedAt).toBeNull();
  });
});
