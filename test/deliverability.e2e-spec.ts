import { execFileSync } from 'node:child_process';
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import nodemailer from 'nodemailer';
import { emailHash } from '@cairn/common';
import { loadDeliverability } from '@cairn/config';
import { BounceListenerService, snsStringToSign, SnsMessage } from '@cairn/deliverability';
import { JobName } from '@cairn/jobs';
import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { CaughtMail, SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';
import { WebhookReceiver } from './utils/webhook-receiver';
import { bounceReport, complaintReport, plainBounce, spamScore, verifyDkim } from './deliverability.fixtures';

const DOMAIN = 'cairn.example.com';
const SELECTOR = 'cairn2026';

describe('deliverability: DKIM, bounces and complaints read back, the sending pause', () => {
  const dkimKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dkimPem = dkimKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const certDir = mkdtempSync(join(tmpdir(), 'cairn-sns-'));
  let certServer: http.Server;
  let certOrigin: string;
  const certRequests: string[] = [];
  let snsKey: string;
  let ctx: TestContext;
  let sink: SmtpSink;
  let worker: NestFastifyApplication;
  let receiver: WebhookReceiver;
  let bouncePort: number;
  let hookAuth: string;

  beforeAll(async () => {
    // The test's own "AWS" certificate, served over real HTTP on an origin the config allows for tests.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=sns.test', '-days', '1',
      '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' }); // prettier-ignore
    snsKey = readFileSync(join(certDir, 'key.pem'), 'utf8');
    const cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
    certServer = http.createServer((req, res) => {
      certRequests.push(req.url ?? '');
      if (req.url?.endsWith('.pem')) res.end(cert);
      else res.writeHead(req.url?.startsWith('/?Action=ConfirmSubscription') ? 200 : 404).end('<ConfirmSubscriptionResponse/>');
    });
    await new Promise<void>((resolve) => certServer.listen(0, '127.0.0.1', resolve));
    certOrigin = `http://127.0.0.1:${(certServer.address() as AddressInfo).port}`;

    sink = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    const deliverability = {
      ...loadDeliverability({ BOUNCE_ADDRESS: `bounces@${DOMAIN}`, BOUNCE_SMTP_PORT: '0', BOUNCE_SMTP_HOST: '127.0.0.1' }),
      dkim: { domain: DOMAIN, selector: SELECTOR, privateKey: dkimPem },
      snsCertOrigins: [certOrigin],
    };
    ctx = await startTestApi({
      smtpUrl: sink.url,
      mailFrom: `Cairn Demo <surveys@${DOMAIN}>`,
      publicBaseUrl: 'https://feedback.cairn.example.com',
      deliverability,
    });
    worker = await startTestWorker(ctx.config);
    bouncePort = worker.get(BounceListenerService).port!;
    await createSurvey(ctx, { event: 'order.delivered' });
    await ctx
      .api('post', '/api/v1/webhooks')
      .send({ url: receiver.url('/hook'), events: ['person.bounced', 'person.unsubscribed'] })
      .expect(201);
    const credentials = (await ctx.api('post', '/api/v1/deliverability/hook-credentials').expect(200)).body;
    hookAuth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await sink?.close();
    await receiver?.close();
    await new Promise((resolve) => certServer?.close(resolve));
    rmSync(certDir, { recursive: true, force: true });
  });

  /** One survey email sent to a new person: its invitation id and the mail as the sink received it. */
  async function surveyed(email = uniqueEmail('dlv')): Promise<{ invitationId: string; email: string; mail: CaughtMail }> {
    const body = await sendEvent(ctx, { type: 'order.delivered', person: { email, name: 'Maja' } });
    const [mail] = await waitFor(() => (sink.to(email).length ? sink.to(email) : null), 20_000, `the survey email to ${email}`);
    const invitationId: string = body.invitations[0].id;
    // The "sent" mark follows the server's 250 by a few milliseconds.
    await waitFor(async () => (await invitation(invitationId)).status === 'sent', 10_000, 'the invitation marked sent');
    return { invitationId, email, mail };
  }

  /** Delivers a report to the bounce listener over SMTP, as a remote MTA does; the listener's answer code. */
  async function report(to: string, raw: string): Promise<number> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: bouncePort, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({ envelope: { from: 'mailer-daemon@mx.example.net', to }, raw });
      return 250;
    } catch (error) {
      return (error as { responseCode?: number }).responseCode ?? 0;
    } finally {
      transport.close();
    }
  }

  const invitation = (id: string) => ctx.prisma.invitation.findUniqueOrThrow({ where: { id } });
  const suppression = (email: string) =>
    ctx.prisma.suppression.findFirst({ where: { workspaceId: ctx.workspaceId, emailHash: emailHash(email) } });

  it('signs with DKIM, sends from the VERP address, carries the headers filters look for, and scores under 2.0 in SpamAssassin', async () => {
    const { invitationId, mail } = await surveyed();
    const publicKey = dkimKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const dkim = await verifyDkim(mail.raw, { [`${SELECTOR}._domainkey.${DOMAIN}`]: `v=DKIM1; k=rsa; p=${publicKey}` });
    expect(dkim).toEqual([{ status: 'pass', signingDomain: DOMAIN, selector: SELECTOR }]);
    expect(mail.rawHeaders['dkim-signature']).toMatch(/\ba=rsa-sha256;.*\bc=relaxed\/relaxed;/);

    expect(mail.mailFrom).toBe(`bounces+${invitationId}@${DOMAIN}`);
    expect(mail.messageId).toBe(`<${invitationId}@${DOMAIN}>`);
    expect(mail.rawHeaders.date).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(mail.rawHeaders['list-id']).toBe(`"Cairn Demo surveys" <${ctx.workspaceId}.surveys.${DOMAIN}>`);
    expect(mail.rawHeaders['feedback-id']).toBe(`invitation:${ctx.workspaceId}:survey:cairn`);
    expect(mail.text.length).toBeGreaterThan(50);
    // Every link goes to Cairn's own host: no shortener, no redirector.
    const hosts = new Set([...`${mail.html}\n${mail.text}`.matchAll(/https?:\/\/([^/\s"'<>]+)/g)].map((m) => m[1]));
    expect([...hosts].filter((host) => !host.endsWith('w3.org'))).toEqual(['feedback.cairn.example.com']);

    const score = spamScore(mail.raw);
    expect(score.score).toBeLessThan(2.0);
  });

  it('a delivery report for a real invitation bounces it, suppresses the address and announces person.bounced', async () => {
    const { invitationId, email } = await surveyed();
    const dsn = bounceReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>`, status: '5.1.1' });
    const answer = await report(`bounces+${invitationId}@${DOMAIN}`, dsn);
    expect(answer).toBe(250);
    await waitFor(async () => (await invitation(invitationId)).status === 'bounced', 5_000, 'the invitation bounced');
    expect(await invitation(invitationId)).toMatchObject({ status: 'bounced', reason: '5.1.1' });
    expect(await suppression(email)).toMatchObject({ reason: 'bounced' });
    const hook = await waitFor(
      () => receiver.to('/hook').find((hit) => JSON.parse(hit.body).type === 'person.bounced'),
      10_000,
      'person.bounced',
    );
    expect(JSON.parse(hook.body).data).toMatchObject({ invitationId, kind: 'hard', status: '5.1.1', personId: expect.any(String) });

    // The same report again counts once; a new survey to the address is suppressed.
    expect(await report(`bounces+${invitationId}@${DOMAIN}`, dsn)).toBe(250);
    expect(await ctx.prisma.bounce.count({ where: { invitationId } })).toBe(1);
    const again = await sendEvent(ctx, { type: 'order.delivered', person: { email } });
    expect(again.invitations[0]).toMatchObject({ status: 'suppressed', reason: 'bounced' });
  });

  it('a non-standard bounce (no RFC 3464 part, the original headers quoted) bounces the real invitation', async () => {
    const { invitationId, email } = await surveyed();
    const other = await surveyed();
    const verp = `bounces+${invitationId}@${DOMAIN}`;
    // Quoting another email's Message-ID: not about this invitation, nothing happens.
    expect(await report(verp, plainBounce({ recipient: email, messageId: `<${other.invitationId}@${DOMAIN}>`, verp }))).toBe(250);
    expect(await invitation(invitationId)).toMatchObject({ status: 'sent' });

    expect(await report(verp, plainBounce({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>`, verp }))).toBe(250);
    await waitFor(async () => (await invitation(invitationId)).status === 'bounced', 5_000, 'the invitation bounced');
    expect(await invitation(invitationId)).toMatchObject({ status: 'bounced', reason: '5.1.1' });
    expect(await suppression(email)).toMatchObject({ reason: 'bounced' });
    expect(await ctx.prisma.bounce.findMany({ where: { invitationId } })).toEqual([
      expect.objectContaining({ kind: 'hard', source: 'smtp', status: '5.1.1' }),
    ]);
    expect(await invitation(other.invitationId)).toMatchObject({ status: 'sent' });
    expect(await suppression(other.email)).toBeNull();
  });

  it('forged or unknown reports change nothing, and mail outside the VERP space is refused', async () => {
    const { invitationId, email } = await surveyed();
    const to = `bounces+${invitationId}@${DOMAIN}`;
    // Another recipient, another Message-ID, an unknown invitation, a report that never names the email.
    expect(await report(to, bounceReport({ recipient: 'someone-else@example.com', messageId: `<${invitationId}@${DOMAIN}>` }))).toBe(250);
    expect(await report(to, bounceReport({ recipient: email, messageId: `<${randomUUID()}@${DOMAIN}>` }))).toBe(250);
    expect(
      await report(`bounces+${randomUUID()}@${DOMAIN}`, bounceReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>` })),
    ).toBe(250);
    expect(await report(to, 'From: a@example.net\r\nSubject: Hello\r\n\r\nJust saying hi.\r\n')).toBe(250);
    expect(await report(`postmaster@${DOMAIN}`, bounceReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>` }))).toBe(550);
    expect(
      await report(`bounces+not-an-invitation@${DOMAIN}`, bounceReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>` })),
    ).toBe(550);
    expect(await invitation(invitationId)).toMatchObject({ status: 'sent' });
    expect(await suppression(email)).toBeNull();
    expect(await ctx.prisma.bounce.count({ where: { emailHash: emailHash(email) } })).toBe(0);
  });

  it('an ARF complaint suppresses the address as complained and unsubscribes the person', async () => {
    const { invitationId, email } = await surveyed();
    expect(
      await report(`bounces+${invitationId}@${DOMAIN}`, complaintReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>` })),
    ).toBe(250);
    await waitFor(async () => (await suppression(email))?.reason === 'complained', 5_000, 'the complaint');
    const person = await ctx.prisma.person.findFirstOrThrow({ where: { email } });
    expect(person.unsubscribedAt).not.toBeNull();
    await waitFor(
      () =>
        receiver
          .to('/hook')
          .find((hit) => JSON.parse(hit.body).type === 'person.unsubscribed' && JSON.parse(hit.body).data.personId === person.id),
      10_000,
      'person.unsubscribed',
    );
  });

  it('a feedback loop reporting to the bare bounce address is tied to the email by its quoted Message-ID', async () => {
    const { invitationId, email } = await surveyed();
    const other = await surveyed();
    // Quoting one email but naming another's recipient: nothing.
    expect(await report(`bounces@${DOMAIN}`, complaintReport({ recipient: other.email, messageId: `<${invitationId}@${DOMAIN}>` }))).toBe(
      250,
    );
    expect(await report(`bounces@${DOMAIN}`, complaintReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>` }))).toBe(250);
    expect(await suppression(email)).toMatchObject({ reason: 'complained' });
    expect(await suppression(other.email)).toBeNull();
  });

  it('soft bounces suppress only when repeated over days', async () => {
    const { invitationId, email } = await surveyed();
    for (const n of [1, 2, 3]) {
      expect(
        await report(
          `bounces+${invitationId}@${DOMAIN}`,
          bounceReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>`, status: '4.2.2', id: `soft-${n}` }),
        ),
      ).toBe(250);
    }
    expect(await ctx.prisma.bounce.count({ where: { invitationId, kind: 'soft' } })).toBe(3);
    expect(await suppression(email)).toBeNull();
    expect(await invitation(invitationId)).toMatchObject({ status: 'sent' });
    // The first two were days ago: the fourth makes it a mailbox that stays full.
    await ctx.prisma.bounce.updateMany({
      where: { invitationId, kind: 'soft' },
      data: { createdAt: new Date(Date.now() - 3 * 86_400_000) },
    });
    expect(
      await report(
        `bounces+${invitationId}@${DOMAIN}`,
        bounceReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>`, status: '4.2.2', id: 'soft-4' }),
      ),
    ).toBe(250);
    expect(await suppression(email)).toMatchObject({ reason: 'bounced' });
  });

  it('soft bounces send person.bounced with kind soft once they suppress the address, and none before', async () => {
    const { invitationId, email } = await surveyed();
    const verp = `bounces+${invitationId}@${DOMAIN}`;
    const soft = (n: number) =>
      report(verp, bounceReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>`, status: '4.2.2', id: `soft-hook-${n}` }));
    for (const n of [1, 2, 3]) expect(await soft(n)).toBe(250);
    await ctx.prisma.bounce.updateMany({ where: { invitationId }, data: { createdAt: new Date(Date.now() - 3 * 86_400_000) } });
    expect(await soft(4)).toBe(250);
    expect(await suppression(email)).toMatchObject({ reason: 'bounced' });
    const bounced = () =>
      receiver
        .to('/hook')
        .map((hit) => JSON.parse(hit.body))
        .filter((event) => event.type === 'person.bounced' && event.data.invitationId === invitationId);
    await waitFor(() => bounced().length > 0, 10_000, 'person.bounced for the soft bounces');
    // The three that only counted were recorded (and their outbox rows written) before the fourth: none announced.
    expect(bounced()).toEqual([
      expect.objectContaining({ data: { invitationId, personId: expect.any(String), kind: 'soft', status: '4.2.2' } }),
    ]);
    // A soft bounce never bounces the invitation itself.
    expect(await invitation(invitationId)).toMatchObject({ status: 'sent' });
  });

  it('a recipient refused at RCPT TO is counted as a hard bounce too, once', async () => {
    const email = uniqueEmail('refused');
    sink.unknownRecipients.add(email);
    const body = await sendEvent(ctx, { type: 'order.delivered', person: { email } });
    const id = body.invitations[0].id;
    await waitFor(async () => (await invitation(id)).status === 'failed', 10_000, 'the refused send');
    expect(await invitation(id)).toMatchObject({ status: 'failed', reason: 'bounced' });
    expect(await ctx.prisma.bounce.findMany({ where: { invitationId: id } })).toEqual([
      expect.objectContaining({ kind: 'hard', source: 'smtp-send', status: '5.1.1', domain: 'example.com' }),
    ]);
  });

  function snsMessage(
    notification: unknown,
    key = snsKey,
    certUrl = `${certOrigin}/SimpleNotificationService-test.pem`,
    extra: Partial<SnsMessage> = {},
  ): SnsMessage {
    const message: SnsMessage = {
      Type: 'Notification',
      ...extra,
      MessageId: randomUUID(),
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-events',
      Message: JSON.stringify(notification),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '2',
      Signature: '',
      SigningCertURL: certUrl,
      ...extra,
    };
    message.Signature = createSign('RSA-SHA256').update(snsStringToSign(message)).sign(key, 'base64');
    return message;
  }

  /** Posts an SNS message to /hooks/ses as SNS does (text/plain JSON, the URL's basic auth). */
  const postSes = (message: SnsMessage, auth = hookAuth) =>
    ctx.http().post('/hooks/ses').set('Authorization', auth).set('Content-Type', 'text/plain; charset=UTF-8').send(JSON.stringify(message));

  it('Amazon SES events through SNS: a verified bounce is applied, a forged signature or a foreign certificate URL is refused', async () => {
    const { invitationId, email } = await surveyed();
    const bounce = {
      notificationType: 'Bounce',
      bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: email, status: '5.1.1' }] },
      mail: { messageId: 'ses-1', headers: [{ name: 'Message-ID', value: `<${invitationId}@${DOMAIN}>` }] },
    };
    const post = postSes;
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await post(snsMessage(bounce, otherKey)).expect(401);
    await post(snsMessage(bounce, snsKey, 'https://evil.example.com/cert.pem')).expect(401);
    await post(snsMessage(bounce), 'Basic ' + Buffer.from(`${ctx.workspaceId}:wrong`).toString('base64')).expect(401);
    expect(await invitation(invitationId)).toMatchObject({ status: 'sent' });

    expect((await post(snsMessage(bounce)).expect(200)).body).toEqual({ recorded: 1 });
    expect(await invitation(invitationId)).toMatchObject({ status: 'bounced' });
    expect(await suppression(email)).toMatchObject({ reason: 'bounced' });

    // A subscription is confirmed by visiting its SubscribeURL, which must be on an SNS host (here: the test's).
    const confirm = `${certOrigin}/?Action=ConfirmSubscription&TopicArn=arn&Token=t0k3n`;
    const subscription = { Type: 'SubscriptionConfirmation', SubscribeURL: confirm, Token: 't0k3n' };
    await post(snsMessage('confirm', snsKey, undefined, subscription)).expect(200);
    expect(certRequests).toContain('/?Action=ConfirmSubscription&TopicArn=arn&Token=t0k3n');
    await post(
      snsMessage('confirm', snsKey, undefined, { ...subscription, SubscribeURL: 'http://169.254.169.254/?Action=ConfirmSubscription' }),
    ).expect(400);
  });

  it('Amazon SES complaint through SNS: suppressed as complained and the person unsubscribed, once', async () => {
    const { invitationId, email } = await surveyed();
    const complaint = {
      notificationType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: email }],
        complaintFeedbackType: 'abuse',
        feedbackId: `ses-feedback-${invitationId}`,
        timestamp: new Date().toISOString(),
      },
      mail: { messageId: 'ses-2', headers: [{ name: 'Message-ID', value: `<${invitationId}@${DOMAIN}>` }] },
    };
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await postSes(snsMessage(complaint, otherKey)).expect(401);
    expect(await suppression(email)).toBeNull();

    const message = snsMessage(complaint);
    expect((await postSes(message).expect(200)).body).toEqual({ recorded: 1 });
    expect(await suppression(email)).toMatchObject({ reason: 'complained' });
    const person = await ctx.prisma.person.findFirstOrThrow({ where: { email } });
    expect(person.unsubscribedAt).not.toBeNull();
    expect(await ctx.prisma.bounce.findMany({ where: { invitationId } })).toEqual([
      expect.objectContaining({ kind: 'complaint', source: 'ses', status: 'abuse' }),
    ]);
    // SNS delivers at least once: the same message again records nothing more.
    expect((await postSes(message).expect(200)).body).toEqual({ recorded: 0 });
    const unsubscribed = () =>
      receiver
        .to('/hook')
        .map((hit) => JSON.parse(hit.body))
        .filter((event) => event.type === 'person.unsubscribed' && event.data.personId === person.id);
    await waitFor(() => unsubscribed().length > 0, 10_000, 'person.unsubscribed');
    expect(unsubscribed()).toHaveLength(1);
    // A complaint is no bounce: the invitation stays sent.
    expect(await invitation(invitationId)).toMatchObject({ status: 'sent' });
  });

  it('Postmark events: a spam complaint suppresses as complained; an address never surveyed changes nothing', async () => {
    const { email } = await surveyed();
    const post = (body: object) => ctx.http().post('/hooks/postmark').set('Authorization', hookAuth).send(body);
    await ctx.http().post('/hooks/postmark').send({ RecordType: 'SpamComplaint', ID: 1, Email: email }).expect(401);
    expect((await post({ RecordType: 'Bounce', Type: 'HardBounce', ID: 2, Email: uniqueEmail('stranger') }).expect(200)).body).toEqual({
      recorded: 0,
    });
    expect((await post({ RecordType: 'SpamComplaint', Type: 'SpamComplaint', ID: 3, Email: email }).expect(200)).body).toEqual({
      recorded: 1,
    });
    expect(await suppression(email)).toMatchObject({ reason: 'complained' });
  });

  it('a report that comes back before the "sent" mark (the email handed over, its mark still to come) is applied to it', async () => {
    const { invitationId, email } = await surveyed();
    const handedOverAt = new Date(Date.now() - 1000);
    // As the row stands between the hand-over and the mark: still 'sending' (or longer, if its sender died there).
    await ctx.prisma.invitation.update({ where: { id: invitationId }, data: { status: 'sending', sentAt: null, handedOverAt } });
    const post = (body: object) => ctx.http().post('/hooks/postmark').set('Authorization', hookAuth).send(body);
    expect((await post({ RecordType: 'Bounce', Type: 'HardBounce', ID: 4, Email: email, Details: '5.1.1' }).expect(200)).body).toEqual({
      recorded: 1,
    });
    expect(await invitation(invitationId)).toMatchObject({ status: 'bounced', sentAt: handedOverAt });
    expect(await suppression(email)).toMatchObject({ reason: 'bounced' });
  });

  it('erasure also clears bounce records', async () => {
    const { invitationId, email } = await surveyed();
    await report(`bounces+${invitationId}@${DOMAIN}`, bounceReport({ recipient: email, messageId: `<${invitationId}@${DOMAIN}>` }));
    await waitFor(async () => (await ctx.prisma.bounce.count({ where: { invitationId } })) === 1, 5_000, 'the bounce record');
    const person = await ctx.prisma.person.findFirstOrThrow({ where: { email } });
    await ctx.api('delete', `/api/v1/people/${person.id}`).expect(200);
    expect(await ctx.prisma.bounce.count({ where: { emailHash: emailHash(email) } })).toBe(0);
    expect(await suppression(email)).toMatchObject({ reason: 'erased', email: null });
  });

  /**
   * A workspace of its own (the complaints above would pause the default one first) with an admin, a survey and
   * 50 survey emails sent; `postmark` posts one of its provider events.
   */
  async function workspaceWithFiftySent(slug: string) {
    const ws = await ctx.createWorkspace(slug);
    const api = (method: 'get' | 'post', path: string) => ctx.api(method, path, ws.apiKey);
    const adminEmail = uniqueEmail('ws-admin');
    await api('post', '/api/v1/users').send({ email: adminEmail, role: 'admin', password: 'correct horse battery' }).expect(201);
    await createSurvey(ctx, { event: 'shipped' }, ws.apiKey);
    const creds = (await api('post', '/api/v1/deliverability/hook-credentials').expect(200)).body;
    const auth = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    const sendFifty = async () => {
      const emails = Array.from({ length: 50 }, () => uniqueEmail(slug));
      for (let i = 0; i < emails.length; i += 10) {
        await Promise.all(emails.slice(i, i + 10).map((email) => sendEvent(ctx, { type: 'shipped', person: { email } }, ws.apiKey)));
      }
      await waitFor(() => emails.every((email) => sink.to(email).length === 1), 30_000, 'the 50 survey emails');
      return emails;
    };
    const emails = await sendFifty();
    const postmark = (event: object) => ctx.http().post('/hooks/postmark').set('Authorization', auth).send(event).expect(200);
    return { ws, api, adminEmail, emails, postmark, sendFifty };
  }

  const pausedMails = (to: string) => sink.to(to).filter((m) => m.subject?.startsWith('Survey emails paused'));

  it('pauses sending above 10 % bounces in 24 h with at least 50 sent, tells the admin, and resumes', async () => {
    const { ws, api, adminEmail, emails, postmark } = await workspaceWithFiftySent('reputation');
    const hard = (n: number) => postmark({ RecordType: 'Bounce', Type: 'HardBounce', ID: 9000 + n, Email: emails[n] });
    for (let n = 0; n < 5; n++) await hard(n);
    let overview = (await api('get', '/api/v1/deliverability').expect(200)).body;
    // 5 of 50 is 10 %: not above the threshold yet.
    expect(overview.last24h).toMatchObject({ sent: 50, bounced: 5, delivered: 45, bounceRate: 0.1 });
    expect(overview.sending.paused).toBe(false);
    await hard(5);
    overview = (await api('get', '/api/v1/deliverability').expect(200)).body;
    expect(overview.last24h).toMatchObject({ sent: 50, bounced: 6, bounceRate: 0.12 });
    expect(overview.sending).toMatchObject({ paused: true, reason: 'bounce rate 12.0 % over 24 h (6 of 50 sent)' });
    expect(overview.topBouncingDomains).toEqual([{ domain: 'example.com', bounced: 6 }]);
    await waitFor(() => sink.to(adminEmail).find((m) => m.subject?.startsWith('Survey emails paused')), 10_000, 'the admin email');

    // While paused a new survey waits, scheduled; an admin resumes and it goes out.
    const waiting = uniqueEmail('waits');
    const body = await sendEvent(ctx, { type: 'shipped', person: { email: waiting } }, ws.apiKey);
    await waitFor(async () => (await invitation(body.invitations[0].id)).lastError === 'sending paused', 10_000, 'the paused send');
    expect(sink.to(waiting)).toHaveLength(0);
    expect((await invitation(body.invitations[0].id)).status).toBe('scheduled');
    expect((await api('post', '/api/v1/deliverability/resume').expect(200)).body.sending).toEqual({
      paused: false,
      pausedAt: null,
      reason: null,
    });
    await waitFor(() => sink.to(waiting).length === 1, 25_000, 'the survey after resuming');

    // Reports keep coming in for the emails sent before the pause: they no longer pause what the admin resumed.
    await hard(6);
    overview = (await api('get', '/api/v1/deliverability').expect(200)).body;
    expect(overview.last24h).toMatchObject({ sent: 51, bounced: 7 });
    expect(overview.sending.paused).toBe(false);
  });

  it('pauses sending above 0.1 % complaints in 24 h: one complaint among 50 sent', async () => {
    const { api, adminEmail, emails, postmark } = await workspaceWithFiftySent('complaints');
    // Soft bounces are no hard bounces: they never pause.
    for (let n = 0; n < 10; n++) await postmark({ RecordType: 'Bounce', Type: 'SoftBounce', ID: 8000 + n, Email: emails[n] });
    expect((await api('get', '/api/v1/deliverability').expect(200)).body).toMatchObject({
      last24h: { sent: 50, bounced: 0, softBounced: 10, complained: 0 },
      sending: { paused: false },
    });
    expect((await postmark({ RecordType: 'SpamComplaint', ID: 7000, Email: emails[20] })).body).toEqual({ recorded: 1 });
    const overview = (await api('get', '/api/v1/deliverability').expect(200)).body;
    expect(overview.last24h).toMatchObject({ sent: 50, complained: 1, complaintRate: 0.02 });
    expect(overview.sending).toMatchObject({ paused: true, reason: 'complaint rate 2.0 % over 24 h (1 of 50 sent)' });
    await waitFor(() => sink.to(adminEmail).find((m) => m.subject?.startsWith('Survey emails paused')), 10_000, 'the admin email');
  });

  it('after a resume, new sends crossing the threshold pause it again, with a reason counted from the resume', async () => {
    const { ws, api, adminEmail, emails, postmark, sendFifty } = await workspaceWithFiftySent('repause');
    let id = 9500;
    const hard = (email: string) => postmark({ RecordType: 'Bounce', Type: 'HardBounce', ID: id++, Email: email });
    for (const email of emails.slice(0, 6)) await hard(email);
    expect((await api('get', '/api/v1/deliverability').expect(200)).body.sending).toMatchObject({
      paused: true,
      reason: 'bounce rate 12.0 % over 24 h (6 of 50 sent)',
    });
    await waitFor(() => pausedMails(adminEmail).length === 1, 10_000, 'the first pause email');
    await api('post', '/api/v1/deliverability/resume').expect(200);
    const { sendingResumedAt } = await ctx.prisma.workspace.findUniqueOrThrow({ where: { id: ws.workspaceId } });

    // 50 new survey emails since the resume; 5 of their hard bounces (10 %) are not above the threshold…
    const fresh = await sendFifty();
    for (const email of fresh.slice(0, 5)) await hard(email);
    let overview = (await api('get', '/api/v1/deliverability').expect(200)).body;
    expect(overview.sending.paused).toBe(false);
    // …while the 24 h figures hold both batches: 11 of 100.
    expect(overview.last24h).toMatchObject({ sent: 100, bounced: 11 });
    // …the sixth is, and the reason names the window it was counted over, not "24 h".
    await hard(fresh[5]);
    overview = (await api('get', '/api/v1/deliverability').expect(200)).body;
    const resumed = sendingResumedAt!.toISOString().slice(0, 16).replace('T', ' ');
    expect(overview.sending).toMatchObject({
      paused: true,
      reason: `bounce rate 12.0 % since sending resumed at ${resumed} UTC (6 of 50 sent)`,
    });
    const second = await waitFor(() => pausedMails(adminEmail)[1], 10_000, 'the second pause email');
    expect(second.text).toContain(`since sending resumed at ${resumed} UTC (6 of 50 sent)`);
  });

  it('the pause email goes to every admin of the workspace and to no manager or viewer', async () => {
    const { ws, api, adminEmail, emails, postmark } = await workspaceWithFiftySent('admins-only');
    const user = async (role: 'admin' | 'manager' | 'viewer') => {
      const email = uniqueEmail(`ws-${role}`);
      const created = await api('post', '/api/v1/users').send({ email, role, password: 'correct horse battery' }).expect(201);
      return { email, id: created.body.id as string };
    };
    const [secondAdmin, manager, viewer] = [await user('admin'), await user('manager'), await user('viewer')];
    await postmark({ RecordType: 'SpamComplaint', ID: 7100, Email: emails[0] });
    expect((await api('get', '/api/v1/deliverability').expect(200)).body.sending.paused).toBe(true);
    await waitFor(() => pausedMails(adminEmail).length === 1 && pausedMails(secondAdmin.email).length === 1, 10_000, 'both admins told');
    // The emails are jobs written with the pause: none was ever queued for the others, so none can arrive late.
    const admins = await ctx.prisma.user.findMany({ where: { workspaceId: ws.workspaceId, role: 'admin' }, select: { id: true } });
    const queuedFor = (await ctx.prisma.outboxEvent.findMany({ where: { workspaceId: ws.workspaceId } }))
      .map((event) => JSON.stringify(event.payload))
      .filter((payload) => payload.includes(JobName.SendSendingPausedEmail))
      .map((payload) => /"userId":"([^"]+)"/.exec(payload)![1]);
    expect(queuedFor.sort()).toEqual(admins.map((admin) => admin.id).sort());
    expect(queuedFor).not.toContain(manager.id);
    expect(queuedFor).not.toContain(viewer.id);
    expect(sink.to(manager.email)).toEqual([]);
    expect(sink.to(viewer.email)).toEqual([]);
  });

  it('only admins resume sending or make hook credentials; any role reads the figures', async () => {
    for (const role of ['manager', 'viewer'] as const) {
      const created = await ctx
        .api('post', '/api/v1/api-keys')
        .send({ name: `dlv ${role}`, role })
        .expect(201);
      const apiKey: string = created.body.key;
      expect((await ctx.api('get', '/api/v1/deliverability', apiKey).expect(200)).body).toHaveProperty('last24h.sent');
      await ctx.api('post', '/api/v1/deliverability/resume', apiKey).expect(403);
      await ctx.api('post', '/api/v1/deliverability/hook-credentials', apiKey).expect(403);
    }
    // The refused rotation left the password the provider hooks use working.
    await ctx.http().post('/hooks/postmark').set('Authorization', hookAuth).send({ RecordType: 'Delivery', ID: 1 }).expect(200);
  });
});
