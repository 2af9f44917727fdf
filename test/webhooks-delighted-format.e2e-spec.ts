import { createHmac } from 'node:crypto';
import { openSecret } from '@cairn/common';
import { recordResponse } from './closed-loop.fixtures';
import { waitFor } from './utils/test-worker';
import { ReceivedHook } from './utils/webhook-receiver';
import { WebhookHarness } from './webhooks.harness';

const unix = (at: Date | null) => (at ? Math.floor(at.getTime() / 1000) : null);

describe("webhooks in Delighted's, Slack's and Teams' formats", () => {
  const h = new WebhookHarness();

  const SECRETS_KEY = 'webhooks-delighted-format-secrets-key-0123456789';
  beforeAll(() => h.start({ secretsKey: SECRETS_KEY }));
  afterAll(() => h.close());

  const create = (body: Record<string, unknown>) => h.ctx.api('post', '/api/v1/webhooks').send(body);
  const hitsAt = (path: string, count: number) =>
    waitFor(() => h.receiver.to(path).length >= count && h.receiver.to(path), 15_000, `${count} webhook(s) at ${path}`);

  it('sends survey_response.created and unsubscribe.created bodies, signed with Standard Webhooks headers', async () => {
    const events = ['response.created', 'response.detractor', 'person.unsubscribed'];
    const delighted = (await create({ url: h.receiver.url('/delighted'), events, format: 'delighted' }).expect(201)).body;
    const standard = (await create({ url: h.receiver.url('/standard'), events }).expect(201)).body;
    expect(delighted.format).toBe('delighted');
    expect(standard.format).toBe('standard');
    expect((await h.ctx.api('get', `/api/v1/webhooks/${delighted.id}`).expect(200)).body.format).toBe('delighted');

    const response = await recordResponse(h.ctx, h.place, 3, { comment: 'Slow checkout' });
    // The standard endpoint hearing both events means both fan-outs are done.
    await hitsAt('/standard', 2);
    const [created] = await hitsAt('/delighted', 1);
    const body = h.receiver.verify(delighted.secret, created) as unknown as Record<string, any>;
    const event = await h.ctx.prisma.outboxEvent.findFirstOrThrow({
      where: { topic: 'response.created', payload: { path: ['responseId'], equals: response.id } },
    });
    const person = await h.ctx.prisma.person.findUniqueOrThrow({ where: { id: h.place.person.id } });
    const row = await h.ctx.prisma.response.findUniqueOrThrow({ where: { id: response.id } });
    expect(body).toEqual({
      event_type: 'survey_response.created',
      event_id: event.id,
      event_data: {
        // Delighted's numeric ids (compat ids), as its API shows them; the permalink opens the dashboard.
        id: String(row.compatId),
        person: { id: String(person.compatId), email: person.email, name: 'Ada Lovelace', created_at: unix(person.createdAt) },
        survey_type: 'nps',
        score: 3,
        comment: 'Slow checkout',
        permalink: `${h.ctx.config.publicBaseUrl}/#/touchpoints/${row.touchpointId}?response=${response.id}`,
        created_at: unix(row.createdAt),
        updated_at: unix(row.updatedAt),
        // The snapshot the recorder takes of the person's properties when they answer.
        person_properties: { plan: 'pro' },
        notes: [],
        tags: [],
        additional_answers: [],
      },
    });
    // The standard endpoint still gets Cairn's body for the same event.
    const standardBodies = h.receiver.to('/standard').map((hit) => h.receiver.verify(standard.secret, hit));
    expect(standardBodies.map((b) => b.type).sort()).toEqual(['response.created', 'response.detractor']);
    expect(standardBodies.find((b) => b.type === 'response.created')).toMatchObject({
      id: event.id,
      data: { response: { id: response.id } },
    });

    await h.ctx.api('post', `/api/v1/people/${person.id}/unsubscribe`).expect(200);
    const [, unsubscribed] = await hitsAt('/delighted', 2);
    const unsubscribedAt = (await h.ctx.prisma.person.findUniqueOrThrow({ where: { id: person.id } })).unsubscribedAt;
    const unsubscribeEvent = await h.ctx.prisma.outboxEvent.findFirstOrThrow({
      where: { topic: 'person.unsubscribed', payload: { path: ['personId'], equals: person.id } },
    });
    expect(h.receiver.verify(delighted.secret, unsubscribed)).toEqual({
      event_type: 'unsubscribe.created',
      event_id: unsubscribeEvent.id,
      event_data: {
        person: { id: String(person.compatId), email: person.email, name: 'Ada Lovelace', created_at: unix(person.createdAt) },
        unsubscribed_at: unix(unsubscribedAt),
      },
    });

    // response.detractor has no Delighted equivalent: no delivery at all, and webhook-id is the delivery id as usual.
    const deliveries = await waitFor(
      async () => {
        const list = await h.deliveries(delighted.id);
        return list.length === 2 && list.every((d) => d.status === 'succeeded') && list;
      },
      15_000,
      'two settled deliveries',
    );
    const shown = deliveries as unknown as Array<{ id: string; eventType: string; payload: { event_type: string } }>;
    expect(shown.map((d) => d.eventType).sort()).toEqual(['person.unsubscribed', 'response.created']);
    expect(shown.map((d) => d.payload.event_type).sort()).toEqual(['survey_response.created', 'unsubscribe.created']);
    const hits: ReceivedHook[] = h.receiver.to('/delighted');
    expect(hits).toHaveLength(2);
    expect(new Set(hits.map((hit) => hit.id))).toEqual(new Set(shown.map((d) => d.id)));
  });

  it("sends survey_response.updated with the tags and additional answers an edit through Delighted's API gave the answer", async () => {
    await h.disableAll();
    const hook = (
      await create({ url: h.receiver.url('/updated'), events: ['response.created', 'response.updated'], format: 'delighted' }).expect(201)
    ).body;
    const response = await recordResponse(h.ctx, h.place, 8, { comment: 'Fine' });
    await hitsAt('/updated', 1);
    const row = await h.ctx.prisma.response.findUniqueOrThrow({ where: { id: response.id } });
    // Only the tags and the additional answers change, as a Delighted integration tagging answers would.
    await h.ctx
      .http()
      .put(`/compat/delighted/v1/survey_responses/${row.compatId}.json`)
      .auth(h.ctx.apiKey, '')
      .send({ tags: ['vip', 'renewal'], additional_answers: [{ question: { id: '55', text: 'What do you like most?' }, value: 'Speed' }] })
      .expect(200);
    const [, updated] = await hitsAt('/updated', 2);
    expect(h.receiver.verify(hook.secret, updated)).toMatchObject({
      event_type: 'survey_response.updated',
      event_data: {
        id: String(row.compatId),
        score: 8,
        comment: 'Fine',
        tags: ['vip', 'renewal'],
        additional_answers: [
          {
            id: '1',
            question: { id: '55', type: 'free_response', text: 'What do you like most?' },
            value: { free_response: 'Speed', scale: null, select_one: null, select_many: null },
          },
        ],
      },
    });
  });

  it('switches format with PATCH and refuses an unknown format with a 400, changing nothing', async () => {
    const hook = (await create({ url: h.receiver.url('/switch'), events: ['response.created'] }).expect(201)).body;
    const before = await h.ctx.prisma.webhookEndpoint.count();
    for (const format of ['zapier', 'Delighted', 42, null]) {
      const res = await create({ url: h.receiver.url('/bad'), events: ['response.created'], format }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify(res.body.message)).toContain('format');
      await h.ctx.api('patch', `/api/v1/webhooks/${hook.id}`).send({ format }).expect(400);
    }
    expect(await h.ctx.prisma.webhookEndpoint.count()).toBe(before);
    expect((await h.ctx.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).format).toBe('standard');
    const patched = await h.ctx.api('patch', `/api/v1/webhooks/${hook.id}`).send({ format: 'delighted' }).expect(200);
    expect(patched.body.format).toBe('delighted');
  });
  it('posts an alert as a Slack message (text + blocks) and a Teams Adaptive Card, linked to the case, retried like any delivery', async () => {
    await h.disableAll();
    const slack = (await create({ url: h.receiver.url('/slack'), events: ['alert.triggered'], format: 'slack' }).expect(201)).body;
    const teams = (await create({ url: h.receiver.url('/teams'), events: ['alert.triggered'], format: 'teams' }).expect(201)).body;
    expect([slack.format, teams.format]).toEqual(['slack', 'teams']);
    // Slack's first answer fails: the delivery is retried on the usual schedule and logged attempt by attempt.
    let slackCalls = 0;
    h.receiver.reply = (hit, res) => {
      if (hit.path === '/slack' && ++slackCalls === 1) return void res.writeHead(500).end('server_error');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    };

    const response = await recordResponse(h.ctx, h.place, 2, { comment: 'Rude <!channel> staff *really*' });
    const [, slackHit] = await hitsAt('/slack', 2);
    const [teamsHit] = await hitsAt('/teams', 1);
    const kase = await h.ctx.prisma.case.findUniqueOrThrow({ where: { responseId: response.id } });
    const caseUrl = `${h.ctx.config.publicBaseUrl}/#/cases/${kase.id}`;
    const person = h.place.person;

    // Signed like every delivery (receivers in between may check it; Slack and Teams ignore the headers).
    const slackBody = h.receiver.verify(slack.secret, slackHit) as unknown as { text: string; blocks: Array<Record<string, any>> };
    expect(slackHit.headers['content-type']).toBe('application/json');
    expect(typeof slackBody.text).toBe('string');
    expect(slackBody.text).toContain('Alert: Detractors');
    expect(slackBody.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(slackBody.blocks[1].fields).toEqual([
      { type: 'mrkdwn', text: '*Score*\n2 / 10 (NPS)' },
      { type: 'mrkdwn', text: `*Person*\nAda Lovelace &lt;${person.email}&gt;` },
      { type: 'mrkdwn', text: `*Touchpoint*\nCheckout · Purchase · ${h.place.journey.name}` },
      { type: 'mrkdwn', text: '*Source*\nemail' },
    ]);
    expect(slackBody.blocks[2].text.text).toBe('> Rude &lt;!channel&gt; staff *really*');
    expect(slackBody.blocks[3].elements[0]).toMatchObject({ type: 'button', url: caseUrl });

    const teamsBody = h.receiver.verify(teams.secret, teamsHit) as unknown as Record<string, any>;
    expect(teamsBody.type).toBe('message');
    expect(teamsBody.attachments).toHaveLength(1);
    expect(teamsBody.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = teamsBody.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Alert: Detractors' });
    expect(card.body[1].facts).toContainEqual({ title: 'Score', value: '2 / 10 (NPS)' });
    expect(card.body[1].facts).toContainEqual({ title: 'Person', value: `Ada Lovelace <${person.email}>` });
    expect(card.body[2].text).toBe('“Rude <!channel> staff \\*really\\*”');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open the case', url: caseUrl }]);

    const [delivery] = await h.deliveries(slack.id);
    const settled = await waitFor(
      async () => (await h.deliveries(slack.id)).find((d) => d.status === 'succeeded'),
      15_000,
      'slack delivered',
    );
    expect(settled.id).toBe(delivery.id);
    expect(settled.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(new Set(h.receiver.to('/slack').map((hit) => hit.id))).toEqual(new Set([delivery.id]));

    // The dashboard's "Send test event" reaches a channel as a message it can show.
    await h.ctx.api('post', `/api/v1/webhooks/${teams.id}/test`).expect(202);
    const [, test] = await hitsAt('/teams', 2);
    const testCard = (JSON.parse(test.body) as Record<string, any>).attachments[0].content;
    expect(testCard.body).toEqual([
      { type: 'TextBlock', text: 'Test message from Cairn: this channel is reached', weight: 'Bolder', size: 'Medium', wrap: true },
    ]);
  });

  it('signs as Delighted did with the signing key the admin sets (X-Delighted-Webhook-Signature), kept encrypted', async () => {
    const KEY = 'the-key-my-receiver-checks';
    const hook = (
      await create({ url: h.receiver.url('/signed'), events: ['response.created'], format: 'delighted', delightedSigningKey: KEY }).expect(
        201,
      )
    ).body;
    expect(hook.delightedSigningKeySet).toBe(true);
    expect(JSON.stringify(hook)).not.toContain(KEY);
    const stored = await h.ctx.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(stored.delightedSigningKey).not.toContain(KEY);
    expect(openSecret(SECRETS_KEY, stored.delightedSigningKey!)).toBe(KEY);
    const unsigned = (await create({ url: h.receiver.url('/unsigned'), events: ['response.created'], format: 'delighted' }).expect(201))
      .body;
    expect(unsigned.delightedSigningKeySet).toBe(false);

    await recordResponse(h.ctx, h.place, 10);
    const [signed] = await hitsAt('/signed', 1);
    const [plain] = await hitsAt('/unsigned', 1);
    // What a Delighted receiver computes: the hex HMAC-SHA256 of the raw body under its key.
    expect(signed.headers['x-delighted-webhook-signature']).toBe(createHmac('sha256', KEY).update(signed.body).digest('hex'));
    expect(plain.headers['x-delighted-webhook-signature']).toBeUndefined();
    // Standard Webhooks headers are still there.
    expect(h.receiver.verify(hook.secret, signed)).toMatchObject({ event_type: 'survey_response.created' });

    // Removed with null; refused on a server without CAIRN_SECRETS_KEY is covered by the service (400).
    const cleared = await h.ctx.api('patch', `/api/v1/webhooks/${hook.id}`).send({ delightedSigningKey: null }).expect(200);
    expect(cleared.body.delightedSigningKeySet).toBe(false);
    await h.ctx.api('patch', `/api/v1/webhooks/${hook.id}`).send({ delightedSigningKey: 'short' }).expect(400);
  });
});
