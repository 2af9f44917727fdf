import { randomInt } from 'node:crypto';
import { emailHash } from '@cairn/common';
import { InvitationSendService } from '@cairn/distribution';
import { phoneHash } from '@cairn/people';
import { isGsm7, quietUntil, SmsInvitationRepository } from '@cairn/sms';
import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { FakeSmsProvider, signTwilio } from './utils/fake-sms-provider';
import { atInstant } from './utils/test-clock';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

/** Noon UTC today: inside sending hours for a person with no time zone in a UTC workspace. */
const NOON = new Date(new Date().setUTCHours(12, 0, 0, 0));

describe('SMS surveys (issue 17): send, replies, stop, status', () => {
  let ctx: TestContext;
  let provider: FakeSmsProvider;
  let surveyId: string;
  let sendJob: InvitationSendService;

  beforeAll(async () => {
    provider = await new FakeSmsProvider().start();
    ctx = await startTestApi({ sms: provider.config, jobLockMs: 1_000 });
    // The send job of every channel: it hands SMS invitations to the SMS sender.
    sendJob = ctx.app.get(InvitationSendService);
    surveyId = (await createSurvey(ctx, { event: 'parcel.delivered', throttleDays: 0 })).id;
    await ctx.api('patch', `/api/v1/surveys/${surveyId}`).send({ channel: 'sms' }).expect(200);
  });
  afterAll(async () => {
    await ctx?.close();
    await provider?.close();
    expect(provider.problems).toEqual([]);
  });

  const phoneNumber = () => `+4670${randomInt(1_000_000, 9_999_999)}`;

  async function invite(person: Record<string, unknown> = {}) {
    const phone = phoneNumber();
    const result = await sendEvent(ctx, { type: 'parcel.delivered', person: { email: uniqueEmail('sms'), phone, ...person } });
    expect(result.invitations[0].status).toBe('scheduled');
    return { invitationId: result.invitations[0].id, phone };
  }

  const sendAt = (at: Date, invitationId: string) => atInstant(ctx.app, at, () => sendJob.send({ invitationId }));

  function hook(fields: Record<string, string>, query = '', signature?: string) {
    const path = `/hooks/sms${query}`;
    return ctx
      .http()
      .post(path)
      .type('form')
      .set('X-Twilio-Signature', signature ?? signTwilio(`${ctx.config.publicBaseUrl}${path}`, fields))
      .send(fields);
  }
  const reply = (from: string, body: string) =>
    hook({ MessageSid: `SM${randomInt(1e9)}`, AccountSid: provider.config.accountSid, From: from, To: provider.config.from, Body: body });

  it('texts once, in the person’s language, one GSM-7 segment with a scanner-safe short link; stores the sid', async () => {
    const { invitationId, phone } = await invite({ locale: 'sv', name: 'Ada' });
    const runs = await Promise.allSettled([sendAt(NOON, invitationId), sendAt(NOON, invitationId)]);
    expect(runs.filter((run) => run.status === 'fulfilled' && run.value === 'sent')).toHaveLength(1);
    expect(await sendAt(NOON, invitationId)).toBe('skipped');
    const [message] = provider.to(phone);
    expect(provider.to(phone)).toHaveLength(1);
    expect(message.body).toMatch(/Svara 0-10/);
    expect(isGsm7(message.body)).toBe(true);
    expect(message.body.length).toBeLessThanOrEqual(160);
    expect(message.statusCallback).toBe(`${ctx.config.publicBaseUrl}/hooks/sms?invitation=${invitationId}`);
    const invitation = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(invitation).toMatchObject({ status: 'sent', messageId: message.sid, smsStatus: 'queued' });

    const code = /\/s\/([A-Za-z0-9_-]{22})(\s|$)/.exec(message.body)![1];
    const opened = await ctx.http().get(`/s/${code}`).expect(303);
    expect(opened.headers.location).toBe(`/r/${code}`);
    await ctx.http().get(`/r/${code}`).expect(200);
    expect(await ctx.prisma.response.count({ where: { invitationId } })).toBe(0);
    // Answered on the page the link opens, the answer is the SMS survey's too.
    await ctx.http().post(`/r/${code}`).set('Accept', 'application/json').send({ score: 8 }).expect(201);
    expect(await ctx.prisma.response.findUniqueOrThrow({ where: { invitationId } })).toMatchObject({ score: 8, source: 'sms' });
  });

  it('takes a phone number (events, PATCH /people) only in a valid international form, stored as E.164', async () => {
    const res = await ctx
      .api('post', '/api/v1/events')
      .send({ type: 'parcel.delivered', person: { email: uniqueEmail(), phone: '0701234567' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('phone');
    const normalised = await sendEvent(ctx, { type: 'parcel.delivered', person: { email: uniqueEmail(), phone: '+46 70-123 45 67' } });
    const invitation = await ctx.prisma.invitation.findUniqueOrThrow({
      where: { id: normalised.invitations[0].id },
      include: { person: true },
    });
    expect(invitation.person.phoneNumber).toBe('+46701234567');
    const patched = await ctx.api('patch', `/api/v1/people/${invitation.personId}`).send({ phone: '+45 32 12 34 56' }).expect(200);
    expect(patched.body.phoneNumber).toBe('+4532123456');
    await ctx.api('patch', `/api/v1/people/${invitation.personId}`).send({ phone: '+46 12' }).expect(400);
  });

  it('lets a survey choose its channel: email unless told, sms on create or edit, nothing else', async () => {
    const { touchpointId } = await createSurvey(ctx, { event: 'channel.chosen' });
    const body = { touchpointId, trigger: { event: 'channel.chosen', delaySeconds: 0 } };
    const email = await ctx
      .api('post', '/api/v1/surveys')
      .send({ ...body, metric: 'csat' })
      .expect(201);
    expect(email.body.channel).toBe('email');
    const text = await ctx
      .api('post', '/api/v1/surveys')
      .send({ ...body, metric: 'ces', channel: 'sms' })
      .expect(201);
    expect((await ctx.api('get', `/api/v1/surveys/${text.body.id}`).expect(200)).body.channel).toBe('sms');
    for (const channel of ['whatsapp', 'SMS', 42]) {
      await ctx
        .api('post', '/api/v1/surveys')
        .send({ ...body, metric: 'csat', channel })
        .expect(400);
      await ctx.api('patch', `/api/v1/surveys/${email.body.id}`).send({ channel }).expect(400);
    }
    await ctx.api('patch', `/api/v1/surveys/${email.body.id}`).send({ channel: 'sms' }).expect(200);
    expect((await ctx.prisma.survey.findUniqueOrThrow({ where: { id: email.body.id } })).channel).toBe('sms');
  });

  it('records a replied number as the answer (source sms) and a later text as its comment', async () => {
    const { invitationId, phone } = await invite();
    expect(await sendAt(NOON, invitationId)).toBe('sent');
    await reply(phone, 'great, thanks').expect(200);
    expect(await ctx.prisma.response.count({ where: { invitationId } })).toBe(0);
    const answered = await reply(phone, '9').expect(200);
    expect(answered.headers['content-type']).toMatch(/text\/xml/);
    expect(answered.text).toContain('<Response>');
    await reply(phone, 'Fast delivery, friendly driver').expect(200);
    const response = await ctx.prisma.response.findUniqueOrThrow({ where: { invitationId } });
    expect(response).toMatchObject({ score: 9, comment: 'Fast delivery, friendly driver', source: 'sms' });
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status).toBe('responded');
  });

  it('applies the fatigue rules across channels: a recent email survey throttles the text', async () => {
    const emailSurvey = await createSurvey(ctx, { event: 'order.placed', throttleDays: 0 });
    const textSurvey = await createSurvey(ctx, { event: 'store.visited', throttleDays: 30 });
    await ctx.api('patch', `/api/v1/surveys/${textSurvey.id}`).send({ channel: 'sms' }).expect(200);
    const person = { email: uniqueEmail('both'), phone: phoneNumber() };
    const email = await sendEvent(ctx, { type: 'order.placed', person });
    expect(email.invitations[0]).toMatchObject({ surveyId: emailSurvey.id, status: 'scheduled' });
    const text = await sendEvent(ctx, { type: 'store.visited', person });
    expect(text.invitations[0]).toMatchObject({ surveyId: textSurvey.id, status: 'throttled', reason: 'recently_surveyed' });
  });

  it('applies the fatigue rules across channels at send time too: an email sent since intake throttles the text', async () => {
    const textSurvey = await createSurvey(ctx, { event: 'room.cleaned', throttleDays: 30 });
    await ctx.api('patch', `/api/v1/surveys/${textSurvey.id}`).send({ channel: 'sms' }).expect(200);
    const emailSurvey = await createSurvey(ctx, { event: 'room.booked', throttleDays: 0 });
    const person = { email: uniqueEmail('later-email'), phone: phoneNumber() };
    const text = await sendEvent(ctx, { type: 'room.cleaned', person });
    expect(text.invitations[0]).toMatchObject({ surveyId: textSurvey.id, status: 'scheduled' });
    // The email survey (no throttle of its own) is planned after the text and goes out first.
    const email = await sendEvent(ctx, { type: 'room.booked', person });
    expect(email.invitations[0]).toMatchObject({ surveyId: emailSurvey.id, status: 'scheduled' });
    await ctx.prisma.invitation.update({
      where: { id: email.invitations[0].id },
      data: { status: 'sent', sentAt: new Date(NOON.getTime() - 3_600_000) },
    });
    expect(await sendAt(NOON, text.invitations[0].id)).toBe('throttled');
    expect(provider.to(person.phone)).toHaveLength(0);
    expect(await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: text.invitations[0].id } })).toMatchObject({
      status: 'throttled',
      reason: 'recently_surveyed',
    });
  });

  it('refuses unsigned and forged hooks with 403 and changes nothing', async () => {
    const { invitationId, phone } = await invite();
    expect(await sendAt(NOON, invitationId)).toBe('sent');
    const fields = { MessageSid: 'SM1', From: phone, To: provider.config.from, Body: '2' };
    await ctx.http().post('/hooks/sms').type('form').send(fields).expect(403);
    await hook(fields, '', signTwilio(`${ctx.config.publicBaseUrl}/hooks/sms`, fields, 'not-the-token')).expect(403);
    // Signed for another host (the request's own Host instead of PUBLIC_BASE_URL): refused too.
    await hook(fields, '', signTwilio('http://evil.example/hooks/sms', fields)).expect(403);
    await hook({ ...fields, Body: 'STOP' }, '', signTwilio(`${ctx.config.publicBaseUrl}/hooks/sms`, fields)).expect(403);
    expect(await ctx.prisma.response.count({ where: { invitationId } })).toBe(0);
    expect(await ctx.prisma.smsSuppression.count()).toBe(0);
  });

  it.each(['STOP', 'stopp', 'Afmeld', 'unsubscribe'])('%s suppresses the number: the next survey is not texted', async (word) => {
    const first = await invite();
    await reply(first.phone, word).expect(200);
    // The next event of the number is suppressed at intake already; the invitation sent before cannot go again either.
    const next = await sendEvent(ctx, { type: 'parcel.delivered', person: { email: uniqueEmail(), phone: first.phone } });
    expect(next.invitations[0]).toMatchObject({ status: 'suppressed', reason: 'sms_stopped' });
    expect(await sendAt(NOON, first.invitationId)).toBe('suppressed');
    expect(provider.to(first.phone)).toHaveLength(0);
    const invitation = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: next.invitations[0].id } });
    expect(invitation).toMatchObject({ status: 'suppressed', reason: 'sms_stopped' });
  });

  describe('people known by phone number only', () => {
    let emailSurveyId: string;
    let textSurveyId: string;
    beforeAll(async () => {
      // One event, two surveys: an email one and an SMS one (no throttle, so only the channel rules decide).
      emailSurveyId = (await createSurvey(ctx, { event: 'kiosk.checkout', throttleDays: 0 })).id;
      textSurveyId = (await createSurvey(ctx, { event: 'kiosk.checkout', throttleDays: 0 })).id;
      await ctx.api('patch', `/api/v1/surveys/${textSurveyId}`).send({ channel: 'sms' }).expect(200);
    });
    const decisions = (result: { invitations: Array<{ id: string; surveyId: string }> }) => ({
      email: result.invitations.find((i) => i.surveyId === emailSurveyId),
      text: result.invitations.find((i) => i.surveyId === textSurveyId),
    });

    it('an event with only a phone creates the person and texts once; the email survey is suppressed as no_email', async () => {
      const phone = phoneNumber();
      const first = decisions(await sendEvent(ctx, { type: 'kiosk.checkout', person: { phone, name: 'Phone Only' } }));
      expect(first.email).toMatchObject({ status: 'suppressed', reason: 'no_email' });
      expect(first.text).toMatchObject({ status: 'scheduled' });
      const person = await ctx.prisma.person.findFirstOrThrow({ where: { phoneNumber: phone } });
      expect(person).toMatchObject({ email: null, emailHash: null, name: 'Phone Only' });
      expect(await sendAt(NOON, first.text!.id)).toBe('sent');
      expect(provider.to(phone)).toHaveLength(1);
      expect(provider.to(phone)[0].body).toMatch(/\/s\/[A-Za-z0-9_-]{22}/);

      // The same number in another writing is the same person; concurrent events of a new number make one person.
      const again = await sendEvent(ctx, { type: 'kiosk.checkout', person: { phone: `${phone.slice(0, 3)} ${phone.slice(3)}` } });
      expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: again.invitations[0].id } })).personId).toBe(person.id);
      const fresh = phoneNumber();
      await Promise.all([1, 2, 3].map(() => sendEvent(ctx, { type: 'no.survey', person: { phone: fresh } })));
      expect(await ctx.prisma.person.count({ where: { phoneNumber: fresh } })).toBe(1);
    });

    it('an event without email or phone is a 400; a phone-only event of a number a person with an address has is theirs', async () => {
      await ctx
        .api('post', '/api/v1/events')
        .send({ type: 'kiosk.checkout', person: { name: 'Nobody' } })
        .expect(400);
      const phone = phoneNumber();
      const email = uniqueEmail('known');
      await sendEvent(ctx, { type: 'no.survey', person: { email, phone } });
      const result = decisions(await sendEvent(ctx, { type: 'kiosk.checkout', person: { phone } }));
      const owner = await ctx.prisma.person.findFirstOrThrow({ where: { email } });
      const invitation = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: result.text!.id } });
      expect(invitation.personId).toBe(owner.id);
      expect(result.email).toMatchObject({ status: 'scheduled' });
      expect(await ctx.prisma.person.count({ where: { phoneNumber: phone } })).toBe(1);

      // An idempotency key answers the same number again, and refuses another number (409).
      const keyed = { type: 'no.survey', person: { phone }, idempotencyKey: `phone-${phone}` };
      const stored = await sendEvent(ctx, keyed);
      expect(await sendEvent(ctx, keyed)).toEqual(stored);
      await ctx
        .api('post', '/api/v1/events')
        .send({ ...keyed, person: { phone: phoneNumber() } })
        .expect(409);
    });

    it('a bounced address does not block texts, and a STOP does not block email', async () => {
      const bounced = { email: uniqueEmail('bounced'), phone: phoneNumber() };
      await ctx.prisma.suppression.create({
        data: { workspaceId: ctx.workspaceId, emailHash: emailHash(bounced.email), reason: 'bounced' },
      });
      const first = decisions(await sendEvent(ctx, { type: 'kiosk.checkout', person: bounced }));
      expect(first.email).toMatchObject({ status: 'suppressed', reason: 'bounced' });
      expect(first.text).toMatchObject({ status: 'scheduled' });

      const stopped = { email: uniqueEmail('stopped'), phone: phoneNumber() };
      await ctx.prisma.smsSuppression.create({
        data: { workspaceId: ctx.workspaceId, phoneHash: phoneHash(stopped.phone), reason: 'stop_reply' },
      });
      const second = decisions(await sendEvent(ctx, { type: 'kiosk.checkout', person: stopped }));
      expect(second.email).toMatchObject({ status: 'scheduled' });
      expect(second.text).toMatchObject({ status: 'suppressed', reason: 'sms_stopped' });
    });
  });

  it('waits through quiet hours in the person’s time zone and sends in the morning', async () => {
    const { invitationId, phone } = await invite({ properties: { timezone: 'Europe/Stockholm' } });
    const evening = new Date(new Date(NOON).setUTCHours(21, 30)); // 22:30 in Stockholm (winter) or 23:30 (summer)
    expect(await sendAt(evening, invitationId)).toBe('deferred');
    expect(provider.to(phone)).toHaveLength(0);
    const waiting = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(waiting.status).toBe('scheduled');
    const morningHourUtc = waiting.scheduledFor.getUTCHours();
    expect([6, 7]).toContain(morningHourUtc); // 08:00 Stockholm
    expect(waiting.scheduledFor.getTime() - evening.getTime()).toBeLessThan(11 * 3_600_000);
    const job = await ctx.prisma.outboxEvent.findFirst({ where: { payload: { path: ['jobId'], string_contains: `${invitationId}-at-` } } });
    expect(job).not.toBeNull();
    expect(await sendAt(waiting.scheduledFor, invitationId)).toBe('sent');
    expect(provider.to(phone)).toHaveLength(1);
  });

  it('without a zone of the person’s, keeps the workspace’s quiet hours', async () => {
    const { invitationId, phone } = await invite();
    // Noon UTC is 21:00 in Tokyo: quiet there, so the text waits for 08:00 Tokyo (23:00 UTC).
    await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { timezone: 'Asia/Tokyo' } });
    try {
      expect(await sendAt(NOON, invitationId)).toBe('deferred');
    } finally {
      await ctx.prisma.workspace.update({ where: { id: ctx.workspaceId }, data: { timezone: 'UTC' } });
    }
    expect(provider.to(phone)).toHaveLength(0);
    const waiting = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(waiting).toMatchObject({ status: 'scheduled', scheduledFor: new Date(NOON.getTime() + 11 * 3_600_000) });
  });

  it('never texts twice when the process dies between the provider’s 201 and the commit', async () => {
    const { invitationId, phone } = await invite();
    const repository = ctx.app.get(SmsInvitationRepository);
    const markSent = repository.markSent.bind(repository);
    // The "crash": after the provider accepted, the run never gets to record it (its promise never settles).
    let reached = false;
    repository.markSent = () => {
      reached = true;
      return new Promise<boolean>(() => undefined);
    };
    void sendAt(NOON, invitationId);
    await waitUntil(() => reached);
    expect(provider.to(phone)).toHaveLength(1);
    repository.markSent = markSent;
    const stuck = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(stuck).toMatchObject({ status: 'sending', messageId: null });
    expect(stuck.sentAt).toBeInstanceOf(Date);

    // The job's retry after the claim went stale (JOB_LOCK_MS = 1 s here) finds the hand-over committed: no second text.
    expect(await sendAt(new Date(NOON.getTime() + 60_000), invitationId)).toBe('unconfirmed');
    expect(provider.to(phone)).toHaveLength(1);
    const recovered = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(recovered.status).toBe('sent');
    expect(recovered.lastError).toMatch(/unconfirmed/);

    // The provider's status callback names the invitation: the message id lost with the crash comes back.
    const sid = provider.to(phone)[0].sid;
    const status = { MessageSid: sid, MessageStatus: 'delivered', AccountSid: provider.config.accountSid, To: phone };
    await hook(status, `?invitation=${invitationId}`).expect(200);
    expect(await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({
      messageId: sid,
      smsStatus: 'delivered',
    });
    expect((await ctx.api('get', `/api/v1/invitations/${invitationId}`).expect(200)).body).toMatchObject({
      status: 'sent',
      smsStatus: 'delivered',
    });
    // A late "sent" never moves it back.
    await hook({ ...status, MessageStatus: 'sent' }, `?invitation=${invitationId}`).expect(200);
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } })).smsStatus).toBe('delivered');
  });

  it('takes a status callback by message id alone, keeps its error code, and refuses a forged one', async () => {
    const { invitationId, phone } = await invite();
    expect(await sendAt(NOON, invitationId)).toBe('sent');
    const sid = provider.to(phone)[0].sid;
    const undelivered = { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003', AccountSid: provider.config.accountSid };
    // Forged (signed with another token) or unsigned: 403, the status stays what the provider's 201 said.
    await hook(undelivered, '', signTwilio(`${ctx.config.publicBaseUrl}/hooks/sms`, undelivered, 'not-the-token')).expect(403);
    await ctx.http().post('/hooks/sms').type('form').send(undelivered).expect(403);
    expect(await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({
      smsStatus: 'queued',
      lastError: null,
    });
    // Signed, without the callback URL's invitation: found by the message id.
    await hook(undelivered).expect(200);
    const row = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row).toMatchObject({ status: 'sent', messageId: sid, smsStatus: 'undelivered' });
    expect(row.lastError).toContain('30003');
    expect((await ctx.api('get', `/api/v1/invitations/${invitationId}`).expect(200)).body.smsStatus).toBe('undelivered');
  });

  it('keeps a carrier failure reported after delivered, and a late delivered never hides a failure', async () => {
    const { invitationId, phone } = await invite();
    expect(await sendAt(NOON, invitationId)).toBe('sent');
    const sid = provider.to(phone)[0].sid;
    const callback = (MessageStatus: string, ErrorCode?: string) =>
      hook(
        { MessageSid: sid, MessageStatus, AccountSid: provider.config.accountSid, To: phone, ...(ErrorCode ? { ErrorCode } : {}) },
        `?invitation=${invitationId}`,
      ).expect(200);
    const read = async () => (await ctx.api('get', `/api/v1/invitations/${invitationId}`).expect(200)).body;

    await callback('delivered');
    expect(await read()).toMatchObject({ status: 'sent', smsStatus: 'delivered', lastError: null });
    // The carrier's later verdict: not delivered after all (30005, unknown handset). It wins, with its error code.
    await callback('undelivered', '30005');
    expect(await read()).toMatchObject({ status: 'sent', smsStatus: 'undelivered', lastError: 'SMS undelivered (error 30005)' });
    // The first callback again (Twilio retries, callbacks arrive out of order): the failure stays.
    await callback('delivered');
    await callback('sent');
    expect(await read()).toMatchObject({ smsStatus: 'undelivered', lastError: 'SMS undelivered (error 30005)' });
    // A failure after a failure is the newer word on it.
    await callback('failed', '30008');
    expect(await read()).toMatchObject({ smsStatus: 'failed', lastError: 'SMS failed (error 30008)' });
  });

  it('fails for good on a refused number and retries what the provider could not take', async () => {
    const refused = await invite();
    provider.mode = { kind: 'error', status: 400, code: 21211 };
    expect(await sendAt(NOON, refused.invitationId)).toBe('failed');
    expect(await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: refused.invitationId } })).toMatchObject({
      status: 'failed',
      reason: 'invalid_phone',
    });
    const busy = await invite();
    provider.mode = { kind: 'error', status: 503, code: 20503 };
    await expect(sendAt(NOON, busy.invitationId)).rejects.toThrow(/HTTP 503/);
    expect((await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: busy.invitationId } })).status).toBe('scheduled');
    provider.mode = { kind: 'accept' };
    expect(await sendAt(NOON, busy.invitationId)).toBe('sent');
    expect(provider.to(busy.phone)).toHaveLength(1);
  });
});

describe('SMS surveys through the worker', () => {
  let ctx: TestContext;
  let provider: FakeSmsProvider;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;

  beforeAll(async () => {
    provider = await new FakeSmsProvider().start();
    ctx = await startTestApi({ sms: provider.config });
    worker = await startTestWorker(ctx.config);
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await provider?.close();
    expect(provider.problems).toEqual([]);
  });

  it('an event for an SMS survey is texted by the send job, once', async () => {
    const survey = await createSurvey(ctx, { event: 'call.ended', metric: 'csat' });
    await ctx.api('patch', `/api/v1/surveys/${survey.id}`).send({ channel: 'sms' }).expect(200);
    // A zone where it is day right now, so the real clock's send is not put off to the morning.
    const timezone = ['UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata', 'America/Los_Angeles'].find(
      (zone) => !quietUntil(new Date(), zone),
    );
    const phone = `+4670${randomInt(1_000_000, 9_999_999)}`;
    const event = await sendEvent(ctx, {
      type: 'call.ended',
      person: { email: uniqueEmail(), phone, locale: 'da', properties: { timezone } },
    });
    const invitationId = event.invitations[0].id;
    const sent = await waitFor(
      async () => {
        const row = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
        return row.status === 'sent' ? row : null;
      },
      15_000,
      'the SMS invitation sent by the worker',
    );
    expect(provider.to(phone)).toHaveLength(1);
    expect(provider.to(phone)[0].body).toContain('Svar 1-5');
    expect(sent.messageId).toBe(provider.to(phone)[0].sid);
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
