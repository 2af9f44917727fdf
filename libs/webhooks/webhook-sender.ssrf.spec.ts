import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { checkWebhookUrl, parseAllowList, Resolver } from './ssrf-guard';
import { generateWebhookSecret, sendWebhook, WebhookRequest } from './webhook-sender';

const LOOPBACK = parseAllowList('127.0.0.1/32');
const NONE = parseAllowList(undefined);
const delivery = (url: string): WebhookRequest => ({
  url,
  id: 'msg_ssrf',
  timestamp: new Date(),
  body: '{}',
  secret: generateWebhookSecret(),
});

// Counts TCP connections, not requests: a refused send must not even open a socket here.
let server: http.Server;
let port: number;
let connections = 0;
beforeEach(async () => {
  connections = 0;
  server = http.createServer((_req, res) => res.end('ok')).on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterEach(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

describe('SSRF at send time', () => {
  it('defeats DNS rebinding: public at check time, loopback at connect time', async () => {
    const answers = ['93.184.215.14', '127.0.0.1'];
    const rebinding = jest.fn<ReturnType<Resolver>, Parameters<Resolver>>(async () => [
      { address: answers.shift() ?? '127.0.0.1', family: 4 },
    ]);
    const url = `http://rebind.example:${port}/hook`;
    await expect(checkWebhookUrl(url, NONE, rebinding)).resolves.toEqual({ ok: true });

    const result = await sendWebhook(delivery(url), { allow: NONE, resolver: rebinding });
    expect(result).toMatchObject({ statusCode: null, error: expect.stringContaining('ESSRF') });
    expect(rebinding).toHaveBeenCalledTimes(2);
    expect(connections).toBe(0);
  });

  it('connects to a named host through the guarded lookup when allowed', async () => {
    const resolver: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    expect(await sendWebhook(delivery(`http://hooks.example:${port}/`), { allow: LOOPBACK, resolver })).toMatchObject({
      statusCode: 200,
      responseBody: 'ok',
      error: null,
    });
    expect(connections).toBe(1);
  });

  it.each([
    'http://127.0.0.1:PORT/',
    'http://localhost:PORT/',
    'http://2130706433:PORT/',
    'http://0x7f000001:PORT/',
    'http://[::ffff:127.0.0.1]:PORT/',
  ])('refuses %s without an allow-list and opens no connection', async (template) => {
    const result = await sendWebhook(delivery(template.replace('PORT', String(port))), { allow: NONE });
    expect(result).toMatchObject({ statusCode: null, error: expect.stringContaining('ESSRF') });
    expect(connections).toBe(0);
  });
});
