import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AppConfig } from '@cairn/config';
import { MailRepository, renderSurveyEmail } from '@cairn/mail';
import type { Seeded } from './answering.fixtures';

/** A real SMTP server that keeps every message it receives, parsed. */
export async function startInbox(): Promise<{ url: string; mails: ParsedMail[]; close: () => Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return { url, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Renders the survey email of a seeded invitation as distribution does, and sends it over SMTP. */
export async function sendSurveyEmail(config: AppConfig, smtpUrl: string, baseUrl: string, seed: Seeded): Promise<void> {
  const unsubscribeUrl = `${baseUrl}/u/${seed.unsubscribeToken}`;
  const email = await renderSurveyEmail({
    metric: seed.survey.metric,
    locale: seed.person.locale,
    companyName: 'Acme',
    touchpointName: seed.touchpoint.name,
    person: { name: seed.person.name, properties: seed.person.properties as Record<string, unknown> },
    responseUrl: (score) => `${baseUrl}/r/${seed.responseToken}?score=${score}`,
    unsubscribeUrl,
  });
  const mail = new MailRepository({ ...config, smtpUrl });
  try {
    await mail.send({
      to: seed.person.email!,
      ...email,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  } finally {
    mail.onModuleDestroy();
  }
}

/** Every link of a received email's HTML, decoded, in order. */
export function linksOf(mail: ParsedMail): string[] {
  const html = typeof mail.html === 'string' ? mail.html : '';
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}
