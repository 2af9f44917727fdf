import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import type { AppConfig } from '@cairn/config';
import { outcomeOf, SmsProvider } from './sms-provider';

const sms = { accountSid: 'AC123', authToken: 'token', from: '+46766860000' };
const provider = (apiUrl: string, webhookAllowPrivate: string | null = '127.0.0.1/32') =>
  new SmsProvider({ sms: { ...sms, apiUrl }, webhookAllowPrivate, webhookTimeoutMs: 2_000 } as AppConfig);
const message = { to: '+46701234567', body: 'Reply 0-10', statusCallback: 'https://cx.example.com/hooks/sms?invitation=1' };

describe('SmsProvider', () => {
  let server: http.Server;
  let requests = 0;
  beforeAll(async () => {
    // Reads the whole request, then never answers.
    server = http.createServer((req) => req.resume().on('end', () => requests++));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  it('refuses a provider URL on a private address unless allowed (the webhooks’ SSRF guard), before connecting', async () => {
    const outcome = await provider(url(), null).send(message);
    expect(outcome).toEqual({ kind: 'retry', detail: expect.stringMatching(/^ESSRF/) });
    expect(requests).toBe(0);
  });

  it('calls silence after the request was written "unknown" (never to be sent again), a refused connection "retry"', async () => {
    expect(await provider(url()).send(message, 200)).toEqual({ kind: 'unknown', detail: 'timeout' });
    expect(requests).toBe(1);
    const closed = await provider('http://127.0.0.1:1').send(message);
    expect(closed.kind).toBe('retry');
  });

  it('reads Twilio’s answers: 201 with a sid, a 4xx refusal with its code, 429/5xx to retry', () => {
    expect(outcomeOf(201, JSON.stringify({ sid: 'SM0123', status: 'queued' }))).toEqual({
      kind: 'accepted',
      sid: 'SM0123',
      status: 'queued',
    });
    expect(outcomeOf(201, '{}').kind).toBe('unknown');
    expect(outcomeOf(400, JSON.stringify({ code: 21211, message: "The 'To' number +4670… is not valid" }))).toEqual({
      kind: 'refused',
      httpStatus: 400,
      code: 21211,
      detail: 'HTTP 400 (error 21211)',
    });
    expect(outcomeOf(429, '').kind).toBe('retry');
    expect(outcomeOf(503, 'busy').kind).toBe('retry');
  });
});
