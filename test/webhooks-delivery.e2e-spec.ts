import { InvitationTokenRepository } from '@cairn/invitations';
import { recordResponse } from './closed-loop.fixtures';
import { waitFor } from './utils/test-worker';
import { SCHEDULE, WebhookHarness } from './webhooks.harness';

describe('webhook delivery and retries', () => {
  const h = new WebhookHarness();

  beforeAll(() => h.start());
  afterAll(() => h.close());
  afterEach(() => h.disableAll());

  it('signs a detractor event so standardwebhooks verifies it, with the response and where it happened', async () => {
    const hook = await h.endpoint('/signed');
    const response = await recordResponse(h.ctx, h.place, 3, { comment: 'Slow checkout' });
    const [hit] = await waitFor(() => h.receiver.to('/signed').length > 0 && h.receiver.to('/signed'), 15_000, 'webhook');
    const body = h.receiver.verify(hook.secret, hit);
    expect(body.type).toBe('response.detractor');
    const event = await h.ctx.prisma.outboxEvent.findFirstOrThrow({
      where: { topic: 'response.detractor', payload: { path: ['responseId'], equals: response.id } },
    });
    expect(body.id).toBe(event.id);
    expect(body.data.response).toMatchObject({ id: response.id, score: 3, metric: 'nps', comment: 'Slow checkout' });
    expect(body.data.person).toEqual({
      id: h.place.person.id,
      email: h.place.person.email,
      name: 'Ada Lovelace',
      properties: { plan: 'pro' },
    });
    expect(body.data.touchpoint).toMatchObject({ id: h.place.touchpoint.id, name: 'Checkout' });
    expect(body.data.stage).toMatchObject({ id: h.place.stage.id, name: 'Purchase' });
    expect(body.data.journey).toMatchObject({ id: h.place.journey.id });
    expect(body.data.survey).toMatchObject({ id: h.place.survey.id, metric: 'nps' });
    const delivery = await h.settledDelivery(hook.id, 'succeeded');
    expect(hit.id).toBe(delivery.id);
    expect(delivery.attemptLog).toEqual([expect.objectContaining({ number: 1, statusCode: 204, error: null })]);
  });

  it('a detractor answering on the response page (POST /r/:token) reaches the receiver, signed', async () => {
    const hook = await h.endpoint('/page');
    const invitation = await h.ctx.prisma.invitation.create({
      data: {
        workspaceId: h.place.workspaceId,
        surveyId: h.place.survey.id,
        personId: h.place.person.id,
        status: 'sent',
        scheduledFor: new Date(),
        sentAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const token = await h.ctx.app.get(InvitationTokenRepository).issue(invitation.id, 'response');
    const answer = await h.ctx
      .http()
      .post(`/r/${token}`)
      .set('accept', 'application/json')
      .send({ score: 2, comment: 'Too slow' })
      .expect(201);
    const [hit] = await waitFor(() => h.receiver.to('/page').length > 0 && h.receiver.to('/page'), 15_000, 'webhook');
    expect(h.receiver.verify(hook.secret, hit)).toMatchObject({
      type: 'response.detractor',
      data: {
        response: { id: answer.body.id, score: 2, comment: 'Too slow', invitationId: invitation.id },
        person: { id: h.place.person.id },
      },
    });
  });

  it('retries 500 ×3 then 200: 4 attempts, one webhook-id, every attempt logged', async () => {
    const hook = await h.endpoint('/flaky');
    let failures = 3;
    h.on('/flaky', (res) => (failures-- > 0 ? res.writeHead(500).end('boom') : res.writeHead(200).end('ok')));
    await recordResponse(h.ctx, h.place, 1);
    const delivery = await h.settledDelivery(hook.id, 'succeeded');
    const hits = h.receiver.to('/flaky');
    expect(hits).toHaveLength(4);
    expect(new Set(hits.map((h) => h.id))).toEqual(new Set([delivery.id]));
    expect(new Set(hits.map((h) => h.body)).size).toBe(1); // the same bytes every time
    for (const hit of hits) h.receiver.verify(hook.secret, hit);
    expect(delivery.attempts).toBe(4);
    expect(delivery.attemptLog.map((a) => [a.number, a.statusCode, a.responseBody])).toEqual([
      [1, 500, 'boom'],
      [2, 500, 'boom'],
      [3, 500, 'boom'],
      [4, 200, 'ok'],
    ]);
    expect(delivery.attemptLog.every((a) => a.latencyMs >= 0)).toBe(true);
    const row = await h.ctx.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row.failingSince).toBeNull(); // the success ended the failure streak
  });

  it('gives up after the last step of the schedule: 8 attempts', async () => {
    const hook = await h.endpoint('/down');
    h.on('/down', (res) => res.writeHead(503).end());
    await recordResponse(h.ctx, h.place, 2);
    const delivery = await h.settledDelivery(hook.id, 'failed');
    expect(delivery.attempts).toBe(SCHEDULE.length + 1);
    expect(h.receiver.to('/down')).toHaveLength(SCHEDULE.length + 1);
    const row = await h.ctx.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(row.failingSince).not.toBeNull();
    expect(row.enabled).toBe(true); // 5 days have not passed
  });
});
