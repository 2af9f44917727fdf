import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InvitationTokenRepository } from '@cairn/invitations';
import { createSurvey, sendEvent, uniqueEmail } from './utils/distribution-fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { startTestApi, TestContext } from './utils/test-app';
import { startTestWorker, waitFor } from './utils/test-worker';

/** Score links of a mail body, in order, as [token, score]. */
function scoreLinks(body: string, base: string): Array<[string, number]> {
  const pattern = new RegExp(`${base.replace(/[.:/]/g, '\\$&')}/r/([A-Za-z0-9_-]+)\\?score=(\\d+)`, 'g');
  const seen = new Map<string, [string, number]>();
  for (const match of body.matchAll(pattern)) seen.set(match[0], [match[1], Number(match[2])]);
  return [...seen.values()];
}

describe('distribution: event → survey email', () => {
  let ctx: TestContext;
  let sink: SmtpSink;
  let worker: NestFastifyApplication;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    ctx = await startTestApi({ smtpUrl: sink.url });
    worker = await startTestWorker(ctx.config);
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
    await sink?.close();
  });

  it('sends one localized NPS email with a button per score and one-click unsubscribe headers', async () => {
    const survey = await createSurvey(ctx, {
      event: 'order.delivered',
      question: {
        en: 'How likely are you to recommend {{company}}?',
        sv: 'Hur troligt är det att du rekommenderar oss för {{event.product}}, {{name}}?',
      },
    });
    const email = uniqueEmail('sv');
    const body = await sendEvent(ctx, {
      type: 'order.delivered',
      person: { email, name: 'Astrid', locale: 'sv-SE', properties: { plan: 'pro' } },
      properties: { product: 'cykeln' },
    });
    expect(body.invitations).toEqual([
      { id: expect.any(String), surveyId: survey.id, status: 'scheduled', scheduledFor: expect.any(String) },
    ]);
    const [mail] = await waitFor(() => (sink.to(email).length ? sink.to(email) : null), 20_000, 'the survey email');
    const invitationId = body.invitations[0].id;

    expect(mail.messageId).toBe(`<${invitationId}@localhost>`);
    expect(mail.subject).toBe(`En snabb fråga från ${ctx.config.companyName}`);
    expect(mail.html).toContain('Hur troligt är det att du rekommenderar oss för cykeln, Astrid?');
    expect(mail.text).toContain('Hur troligt är det att du rekommenderar oss för cykeln, Astrid?');
    const base = ctx.config.publicBaseUrl;
    const links = scoreLinks(mail.html, base);
    expect(links.map(([, score]) => score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(links.map(([token]) => token)).size).toBe(1);
    expect(scoreLinks(mail.text, base).map(([, score]) => score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const tokens = ctx.app.get(InvitationTokenRepository);
    expect((await tokens.resolve(links[0][0], 'response'))?.id).toBe(invitationId);

    const listUnsubscribe = mail.rawHeaders['list-unsubscribe'];
    const unsubscribeToken = new RegExp(`^<${base}/u/([A-Za-z0-9_-]+)>$`).exec(listUnsubscribe)?.[1];
    expect(unsubscribeToken).toBeDefined();
    expect(mail.rawHeaders['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain(`${base}/u/${unsubscribeToken}`);
    expect(mail.text).toContain(`${base}/u/${unsubscribeToken}`);
    expect((await tokens.resolve(unsubscribeToken!, 'unsubscribe'))?.id).toBe(invitationId);
    expect(await tokens.resolve(unsubscribeToken!, 'response')).toBeNull();

    // The "sent" mark follows the server's 250 by a few milliseconds.
    const marked = async () => (await ctx.prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } })).status === 'sent';
    await waitFor(marked, 10_000, 'the invitation marked sent');
    const got = await ctx.api('get', `/api/v1/invitations/${invitationId}`).expect(200);
    expect(got.body).toMatchObject({ id: invitationId, status: 'sent', attempts: 1, lastError: null, respondedAt: null });
    expect(new Date(got.body.sentAt).getTime()).toBeGreaterThan(0);
    const person = await ctx.prisma.person.findFirstOrThrow({ where: { email } });
    expect(person.lastSurveyedAt).not.toBeNull();
  });

  it.each([
    ['csat', 'da', [1, 2, 3, 4, 5], 'Et hurtigt spørgsmål fra'],
    ['ces', 'fr', [1, 2, 3, 4, 5, 6, 7], 'A quick question from'],
    ['nps', undefined, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'A quick question from'],
  ] as const)('uses the %s scale and the person language %s (fallback en)', async (metric, locale, scores, subject) => {
    const type = `scale.${metric}.${locale ?? 'none'}`;
    await createSurvey(ctx, { metric, event: type });
    const email = uniqueEmail(metric);
    await sendEvent(ctx, { type, person: { email, ...(locale ? { locale } : {}) } });
    const [mail] = await waitFor(() => (sink.to(email).length ? sink.to(email) : null), 20_000, `${metric} email`);
    expect(mail.subject).toBe(`${subject} ${ctx.config.companyName}`);
    expect(scoreLinks(mail.html, ctx.config.publicBaseUrl).map(([, score]) => score)).toEqual(scores);
  });

  it('uses the survey subject with placeholders', async () => {
    await createSurvey(ctx, { event: 'subject.custom', subject: { en: 'About your order {{event.orderId}}, {{name}}' } });
    const email = uniqueEmail('subject');
    await sendEvent(ctx, { type: 'subject.custom', person: { email, name: 'Lin' }, properties: { orderId: 'A-17' } });
    const [mail] = await waitFor(() => (sink.to(email).length ? sink.to(email) : null), 20_000, 'email');
    expect(mail.subject).toBe('About your order A-17, Lin');
  });
});
