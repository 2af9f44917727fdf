import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
// mailauth 4.13 (5.x and 7.x need Node 22): the DKIM verifier alone, with a resolver that answers the test's key.
import { dkimVerify } from 'mailauth/lib/dkim/verify';

const CRLF = (lines: string[]) => lines.join('\r\n');

/** An RFC 3464 delivery status notification, as Postfix writes one, quoting the original headers. */
export function bounceReport(input: { recipient: string; messageId: string; status?: string; id?: string }): string {
  const status = input.status ?? '5.1.1';
  return CRLF([
    'From: MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <${input.id ?? randomUUID()}@mx.example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"',
    '',
    '--dsn-boundary',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    "I'm sorry to have to inform you that your message could not be delivered.",
    '',
    '--dsn-boundary',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${input.recipient}`,
    `Action: failed`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${status.startsWith('5') ? '550' : '452'} ${status} mailbox trouble`,
    '',
    '--dsn-boundary',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${input.messageId}`,
    `To: ${input.recipient}`,
    'Subject: A quick question',
    '',
    '--dsn-boundary--',
    '',
  ]);
}

/**
 * A bounce without an RFC 3464 report part, as qmail and many hosted MTAs send one: plain text naming the recipient
 * and the remote server's answer, then a copy of the original message with its headers.
 */
export function plainBounce(input: { recipient: string; messageId: string; verp: string; answer?: string }): string {
  const answer = input.answer ?? `550 5.1.1 <${input.recipient}>... User unknown`;
  return CRLF([
    'From: MAILER-DAEMON@mx.example.net',
    `To: ${input.verp}`,
    'Subject: failure notice',
    `Message-ID: <${randomUUID()}@mx.example.net>`,
    'Date: Thu, 03 Dec 2026 10:20:54 +0000',
    '',
    'Hi. This is the qmail-send program at mx.example.net.',
    "I'm afraid I wasn't able to deliver your message to the following addresses.",
    "This is a permanent error; I've given up. Sorry it didn't work out.",
    '',
    `<${input.recipient}>:`,
    'Connected to 10.4.5.6 but sender was rejected.',
    `Remote host said: ${answer}`,
    '',
    '--- Below this line is a copy of the message.',
    '',
    `Return-Path: <${input.verp}>`,
    'Received: (qmail 31337 invoked from network); 3 Dec 2026 10:20:53 -0000',
    `Message-ID: ${input.messageId}`,
    'From: Cairn Demo <surveys@cairn.example.com>',
    `To: ${input.recipient}`,
    'Subject: A quick question',
    '',
    'How likely are you to recommend us?',
    '',
  ]);
}

/** An RFC 5965 abuse report from a mailbox provider's feedback loop. */
export function complaintReport(input: { recipient: string; messageId: string }): string {
  return CRLF([
    'From: fbl@isp.example.net',
    'Subject: Abuse report',
    `Message-ID: <${randomUUID()}@isp.example.net>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="arf-boundary"',
    '',
    '--arf-boundary',
    'Content-Type: text/plain',
    '',
    'This is an email abuse report.',
    '',
    '--arf-boundary',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: ExampleFBL/1.0',
    'Version: 1',
    `Original-Rcpt-To: ${input.recipient}`,
    '',
    '--arf-boundary',
    'Content-Type: message/rfc822',
    '',
    `Message-ID: ${input.messageId}`,
    `To: ${input.recipient}`,
    'Subject: A quick question',
    '',
    'body',
    '--arf-boundary--',
    '',
  ]);
}

export interface DkimResult {
  status: string;
  signingDomain: string;
  selector: string;
}

/** Verifies every DKIM signature of a message against the given TXT records (name → value); no DNS is asked. */
export async function verifyDkim(raw: Buffer, records: Record<string, string>): Promise<DkimResult[]> {
  const resolver = async (name: string, type: string) => {
    const value = type === 'TXT' ? records[name] : undefined;
    if (!value) throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
    return [[value]];
  };
  const result = await dkimVerify(raw, { resolver });
  return result.results.map((r) => ({
    status: r.status.result,
    signingDomain: r.signingDomain,
    selector: r.selector ?? '',
  }));
}

/** SpamAssassin's verdict on a message, local tests only (-L: no DNS or network checks). */
export function spamScore(raw: Buffer): { score: number; rules: string } {
  const run = spawnSync('spamassassin', ['-L', '-t'], { input: raw, encoding: 'utf8', timeout: 60_000 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('spamassassin is not installed: apt-get install -y spamassassin (.ci/run installs it)');
  }
  const status = /^X-Spam-Status: .*?score=(-?[\d.]+)[\s\S]*?tests=([\s\S]*?)autolearn/m.exec(run.stdout);
  if (!status) throw new Error(`spamassassin gave no verdict: ${run.stderr || run.stdout.slice(0, 500)}`);
  return { score: Number(status[1]), rules: status[2].replace(/\s+/g, ' ').trim() };
}
