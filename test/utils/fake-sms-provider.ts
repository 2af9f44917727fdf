import { createHmac, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedSms {
  to: string;
  from: string;
  body: string;
  statusCallback: string;
  sid: string;
}

/** What the fake answers to one well-formed request: Twilio's 201, or an error of Twilio's shape. */
export type SmsReplyMode = { kind: 'accept' } | { kind: 'error'; status: number; code: number };

export const FAKE_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const FAKE_AUTH_TOKEN = 'fake-auth-token-0123456789';
export const FAKE_FROM = '+46766860000';

/**
 * A Twilio-compatible Messages API on 127.0.0.1 (port 0). It answers only
 * requests Twilio would accept — the account's path, HTTP Basic with the
 * account sid and auth token, a form body with To, From, Body and
 * StatusCallback — and records the messages it created; anything else is a
 * test failure, recorded in `problems`.
 */
export class FakeSmsProvider {
  readonly messages: ReceivedSms[] = [];
  readonly problems: string[] = [];
  mode: SmsReplyMode = { kind: 'accept' };
  private readonly server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => this.answer(req, raw, res));
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The config the app needs to use this provider. */
  get config() {
    return { apiUrl: this.url, accountSid: FAKE_ACCOUNT_SID, authToken: FAKE_AUTH_TOKEN, from: FAKE_FROM };
  }

  to(phone: string): ReceivedSms[] {
    return this.messages.filter((message) => message.to === phone);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const fail = (problem: string) => {
      this.problems.push(problem);
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20001, message: problem, status: 400 }));
    };
    const expectedAuth = `Basic ${Buffer.from(`${FAKE_ACCOUNT_SID}:${FAKE_AUTH_TOKEN}`).toString('base64')}`;
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${FAKE_ACCOUNT_SID}/Messages.json`)
      return fail(`${req.method} ${req.url}`);
    if (req.headers.authorization !== expectedAuth) return fail('wrong or missing Basic auth');
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return fail('not a form body');
    const form = new URLSearchParams(raw);
    const [to, from, body, statusCallback] = ['To', 'From', 'Body', 'StatusCallback'].map((name) => form.get(name) ?? '');
    if (!/^\+[1-9]\d{6,14}$/.test(to) || from !== FAKE_FROM || !body || !statusCallback.startsWith('http')) {
      return fail(`bad fields: ${[...form.keys()].join(',')}`);
    }
    if (this.mode.kind === 'error') {
      const { status, code } = this.mode;
      return void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message: 'refused', status }));
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    this.messages.push({ to, from, body, statusCallback, sid });
    res.writeHead(201, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        sid,
        account_sid: FAKE_ACCOUNT_SID,
        to,
        from,
        body,
        status: 'queued',
        num_segments: '1',
        api_version: '2010-04-01',
      }),
    );
  }
}

/**
 * X-Twilio-Signature as Twilio documents it, written out here rather than taken from the app: base64 of
 * HMAC-SHA1(auth token, full URL + each POST field's name and value, sorted by name).
 */
export function signTwilio(url: string, fields: Record<string, string>, authToken = FAKE_AUTH_TOKEN): string {
  const data =
    url +
    Object.keys(fields)
      .sort()
      .map((key) => key + fields[key])
      .join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}
