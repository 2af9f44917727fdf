import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { parseAllowList } from './ssrf-guard';
import { generateWebhookSecret, parseRetryAfter, sendWebhook, signPayload, WebhookRequest } from './webhook-sender';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;
interface Hit {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

// Only ever 127.0.0.1: the sandbox network is closed and real receivers are not ours to hit.
async function startReceiver(handler: Handler) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (c: string) => (body += c))
      .on('end', () => {
        hits.push({ url: req.url ?? '', headers: req.headers, body });
        handler(req, res, body);
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return { hits, port, url: (path = '/hook') => `http://127.0.0.1:${port}${path}`, close };
}

const LOOPBACK = parseAllowList('127.0.0.1/32');
const secret = generateWebhookSecret();
const delivery = (url: string): WebhookRequest => ({
  url,
  id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
  timestamp: new Date(),
  body: '{"type":"response.created","data":{"score":3}}',
  secret,
});

let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('signatures', () => {
  it('reproduces the Standard Webhooks test vector', () => {
    const sig = signPayload(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
    );
    expect(sig).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    // The same thing from first principles, so the library cannot drift from the spec unnoticed.
    const mac = createHmac('sha256', Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'))
      .update('msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}')
      .digest('base64');
    expect(sig).toBe(`v1,${mac}`);
  });

  it('generates distinct whsec_ secrets of 24 random bytes', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('delivers a POST the receiver verifies with standardwebhooks', async () => {
    const verdicts: string[] = [];
    receiver = await startReceiver((req, res, body) => {
      try {
        new Webhook(secret).verify(body, req.headers as Record<string, string>);
        verdicts.push('valid');
      } catch (err) {
        verdicts.push(String(err));
      }
      res.writeHead(204).end();
    });
    const req = delivery(receiver.url());
    expect(await sendWebhook(req, { allow: LOOPBACK })).toMatchObject({
      statusCode: 204,
      error: null,
      responseBody: '',
      retryAfterSeconds: null,
    });
    expect(verdicts).toEqual(['valid']);
    const { headers, body } = receiver.hits[0];
    expect(body).toBe(req.body);
    expect(headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Cairn-Webhooks/1',
      'webhook-id': req.id,
      'webhook-timestamp': String(Math.floor(req.timestamp.getTime() / 1000)),
    });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers as Record<string, string>)).toThrow();
  });
});

describe('responses', () => {
  it('returns a 302 as is and never requests the Location', async () => {
    receiver = await startReceiver((req, res) => res.writeHead(req.url === '/hook' ? 302 : 200, { location: '/elsewhere' }).end());
    expect(await sendWebhook(delivery(receiver.url()), { allow: LOOPBACK })).toMatchObject({ statusCode: 302, error: null });
    await sendWebhook(delivery(receiver.url('/after')), { allow: LOOPBACK }); // anything queued would land first
    expect(receiver.hits.map((h) => h.url)).toEqual(['/hook', '/after']);
  });

  it('gives up with "timeout" on a receiver that never answers, and drops the connection', async () => {
    let dropped!: Promise<void>;
    receiver = await startReceiver((req) => {
      dropped = new Promise((r) => req.socket.once('close', () => r()));
    });
    const result = await sendWebhook(delivery(receiver.url()), { allow: LOOPBACK, timeoutMs: 300 });
    expect(result).toMatchObject({ statusCode: null, error: 'timeout', responseBody: null });
    expect(result.latencyMs).toBeGreaterThanOrEqual(250);
    expect(receiver.hits).toHaveLength(1);
    await dropped;
  });

  it('reports 429 Retry-After seconds and passes 410 through', async () => {
    receiver = await startReceiver((req, res) =>
      req.url === '/busy' ? res.writeHead(429, { 'retry-after': '7' }).end('slow down') : res.writeHead(410).end('gone'),
    );
    expect(await sendWebhook(delivery(receiver.url('/busy')), { allow: LOOPBACK })).toMatchObject({
      statusCode: 429,
      retryAfterSeconds: 7,
      responseBody: 'slow down',
      error: null,
    });
    expect(await sendWebhook(delivery(receiver.url('/gone')), { allow: LOOPBACK })).toMatchObject({
      statusCode: 410,
      retryAfterSeconds: null,
      responseBody: 'gone',
      error: null,
    });
  });

  it('parses Retry-After given as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('keeps only the first 2048 characters of the response body', async () => {
    const big = Array.from({ length: 1000 }, (_, i) => `${i};`).join('');
    receiver = await startReceiver((_req, res) => res.end(big));
    expect(await sendWebhook(delivery(receiver.url()), { allow: LOOPBACK })).toMatchObject({
      statusCode: 200,
      responseBody: big.slice(0, 2048),
      error: null,
    });
  });

  it('returns network errors instead of throwing', async () => {
    receiver = await startReceiver(() => undefined);
    const deadUrl = receiver.url();
    await receiver.close();
    receiver = undefined;
    expect(await sendWebhook(delivery(deadUrl), { allow: LOOPBACK })).toMatchObject({
      statusCode: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });
});
