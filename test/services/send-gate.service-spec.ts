import { emailHash } from '@cairn/common';
import { DistributionModule, SendClaimRepository, SendGateService } from '@cairn/distribution';
import { SurveyModule } from '@cairn/survey';
import { createSurvey, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createInvitation } from '../factories/invitation.factory';
import { createServiceTest, ServiceTest } from '../utils/service-test';
import { holdRowLock, waitForLockWait } from '../utils/wait-for';

describe('SendGateService: a takeover of a stale claim (service tier)', () => {
  let t: ServiceTest;
  let workspaceId: string;
  let surveyId: string;
  const trigger = 'order.delivered';

  beforeAll(async () => {
    t = await createServiceTest([DistributionModule, SurveyModule]);
    workspaceId = (await createWorkspace(t)).id;
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    surveyId = (await createSurvey(t, workspaceId, { touchpointId: touchpoint.id, trigger: { event: trigger } })).id;
  });
  afterAll(() => t?.close());

  /** An invitation whose run claimed it long ago (a stale claim, nothing handed over); its address suppressed since. */
  async function staleClaimOfSuppressedAddress() {
    const invitation = await createInvitation(t, workspaceId, { trigger, surveyId });
    const staleClaim = new Date(Date.now() - 2 * t.config.jobLockMs);
    const { personId } = await t.prisma.invitation.update({
      where: { id: invitation.id },
      data: { status: 'sending', claimedAt: staleClaim, attempts: 1 },
    });
    await t.prisma.suppression.create({
      data: { workspaceId, emailHash: emailHash(invitation.email), email: invitation.email, reason: 'bounced' },
    });
    return { id: invitation.id, personId, staleClaim };
  }

  /**
   * The takeover reads the invitation and waits for the person's lock, held here. Meanwhile the stale claim's run,
   * slow rather than dead, hands its message over. The takeover finds the address suppressed, a reason not to send,
   * but the email has left all the same: the invitation must stay with that run, whose sent mark follows, and not end
   * as 'suppressed' (what a chaos run once showed).
   */
  it("does not end as unsent an invitation whose stale claim's run handed the message over while the takeover waited", async () => {
    const { id, personId, staleClaim } = await staleClaimOfSuppressedAddress();
    const person = await holdRowLock(t.prisma, 'people', personId);
    const takeover = t.get(SendGateService).claim(id);
    await waitForLockWait(t.prisma, "the takeover to wait for the person's lock", 15_000, { statement: 'FROM people' });
    // The stale claim's run records its hand-over as HandoverRepository does: fenced by its own claim.
    expect(
      await t.prisma.$executeRaw`UPDATE invitations SET handed_over_at = ${new Date()} WHERE id = ${id} AND claimed_at = ${staleClaim}`,
    ).toBe(1);
    person.release();
    await person.done;

    expect(await takeover).toEqual({ kind: 'done' });
    const row = await t.prisma.invitation.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'sending', claimedAt: staleClaim, attempts: 1, reason: null });
    expect(row.handedOverAt).toBeInstanceOf(Date);
  });

  it('still ends a stale claim that handed nothing over when the address is suppressed', async () => {
    const { id } = await staleClaimOfSuppressedAddress();
    expect(await t.get(SendGateService).claim(id)).toEqual({ kind: 'done' });
    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'suppressed', reason: 'bounced' });
  });

  it("the fast path's settle, after its claim's commit, changes only the invitation as its claim read it", async () => {
    const invitation = await createInvitation(t, workspaceId, { trigger, surveyId });
    // Another run claimed and released it since the fast path read it: scheduled again, with that run's claimed_at.
    const released = new Date(Date.now() - 1000);
    await t.prisma.invitation.update({ where: { id: invitation.id }, data: { claimedAt: released, attempts: 1 } });
    const seen = { id: invitation.id, status: 'scheduled' as const, claimedAt: null };
    await t.get(SendClaimRepository).transaction((tx) => tx.settle(seen, 'suppressed', 'bounced'));
    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({ status: 'scheduled' });

    await t.get(SendClaimRepository).transaction((tx) => tx.settle({ ...seen, claimedAt: released }, 'suppressed', 'bounced'));
    expect(await t.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).toMatchObject({
      status: 'suppressed',
      reason: 'bounced',
    });
  });
});
