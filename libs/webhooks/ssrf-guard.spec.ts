import { LookupAddress } from 'node:dns';
import { checkWebhookUrl, guardedLookup, isBlockedAddress, parseAllowList, Resolver } from './ssrf-guard';

const NONE = parseAllowList(undefined);
const PUBLIC = '93.184.215.14';
// Claims every name is public, so a refusal below can only come from the guard itself.
const saysPublic: Resolver = async () => [{ address: PUBLIC, family: 4 }];
const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('checkWebhookUrl', () => {
  it.each([
    'http://127.0.0.1/',
    'http://localhost/',
    'http://LOCALHOST./x',
    'http://api.localhost/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[64:ff9b::7f00:1]/',
    'https://[::]:8443/',
  ])('refuses %s without an allow-list', async (url) => {
    const verdict = await checkWebhookUrl(url, NONE, saysPublic);
    expect(verdict.ok).toBe(false);
  });

  it('accepts a public https URL and a public IP literal', async () => {
    await expect(checkWebhookUrl('https://hooks.example.com/cairn', NONE, saysPublic)).resolves.toEqual({ ok: true });
    await expect(checkWebhookUrl(`http://${PUBLIC}:8080/`, NONE, saysPublic)).resolves.toEqual({ ok: true });
  });

  it('refuses a name when any of its answers is internal', async () => {
    const verdict = await checkWebhookUrl('https://hooks.example.com/', NONE, resolvesTo(PUBLIC, '10.1.2.3'));
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('hooks.example.com is not allowed') });
    // The refusal must not map the internal network for whoever asks.
    expect(JSON.stringify(verdict)).not.toContain('10.1.2.3');
    expect((await checkWebhookUrl('https://h.example/', NONE, resolvesTo(PUBLIC, 'fc00::5'))).ok).toBe(false);
  });

  it.each(['ftp://example.com/', 'file:///etc/passwd', 'https://user:pw@example.com/', 'https://user@example.com/', 'not a url'])(
    'refuses %s',
    async (url) => {
      expect((await checkWebhookUrl(url, NONE, saysPublic)).ok).toBe(false);
    },
  );

  it('refuses names that do not resolve or resolve to nothing', async () => {
    const nxdomain: Resolver = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    expect(await checkWebhookUrl('https://nx.example/', NONE, nxdomain)).toEqual({
      ok: false,
      reason: expect.stringContaining('ENOTFOUND'),
    });
    expect((await checkWebhookUrl('https://empty.example/', NONE, resolvesTo())).ok).toBe(false);
  });

  it('lets allow-listed loopback through, and only that', async () => {
    const allow = parseAllowList('127.0.0.1/32,::1/128');
    await expect(checkWebhookUrl('http://127.0.0.1:3000/', allow, saysPublic)).resolves.toEqual({ ok: true });
    await expect(checkWebhookUrl('http://localhost:3000/', allow, saysPublic)).resolves.toEqual({ ok: true });
    expect((await checkWebhookUrl('http://127.0.0.2/', allow, saysPublic)).ok).toBe(false);
    expect((await checkWebhookUrl('http://10.0.0.1/', allow, saysPublic)).ok).toBe(false);
  });
});

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '0.0.0.0',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '224.0.0.1',
    '239.255.255.250',
    '240.0.0.1',
    '255.255.255.255',
    '192.0.2.1',
    '198.18.0.1',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::169.254.169.254',
    '2002:7f00:1::1',
    '2001:db8::1',
    '2001:0:4136:e378::1',
    'not-an-ip',
    '',
  ])('blocks %s', (ip) => expect(isBlockedAddress(ip, NONE)).toBe(true));

  it.each([
    PUBLIC,
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:93.184.215.14',
    '64:ff9b::5db8:d70e',
    '2002:5db8:d70e::1',
  ])('allows public %s', (ip) => expect(isBlockedAddress(ip, NONE)).toBe(false));
});

describe('parseAllowList', () => {
  it('allows exactly the listed ranges, judging mapped IPv6 as its IPv4', () => {
    const allow = parseAllowList(' 127.0.0.1/32, ::1/128 ,10.10.0.0/16');
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.10.200.1']) expect(isBlockedAddress(ip, allow)).toBe(false);
    for (const ip of ['127.0.0.2', '10.11.0.1', '169.254.169.254', 'fe80::1']) expect(isBlockedAddress(ip, allow)).toBe(true);
  });

  it('treats a bare address as a single host and empty specs as nothing', () => {
    expect(isBlockedAddress('192.168.1.5', parseAllowList('192.168.1.5'))).toBe(false);
    expect(isBlockedAddress('192.168.1.6', parseAllowList('192.168.1.5'))).toBe(true);
    expect(isBlockedAddress('127.0.0.1', parseAllowList(''))).toBe(true);
  });

  it.each(['localhost', '10.0.0.0/33', '::1/129', '10.0.0.0/x', '10.0.0.0/8/1', '300.1.1.1/32'])('rejects %s', (spec) => {
    expect(() => parseAllowList(spec)).toThrow(/invalid CIDR/);
  });
});

describe('guardedLookup', () => {
  const run = (lookup: ReturnType<typeof guardedLookup>, host: string, all: boolean) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
      lookup(host, { all, family: 0 }, (err, address, family) => resolve({ err, address, family })),
    );

  it('hands back resolved public addresses in both callback shapes', async () => {
    const lookup = guardedLookup(NONE, resolvesTo(PUBLIC, '2606:4700:4700::1111'));
    expect(await run(lookup, 'hooks.example.com', false)).toEqual({ err: null, address: PUBLIC, family: 4 });
    expect((await run(lookup, 'hooks.example.com', true)).address).toEqual([
      { address: PUBLIC, family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
  });

  it.each([['127.0.0.1'], ['169.254.169.254'], ['::ffff:10.0.0.1']])('refuses a name resolving to %s with ESSRF', async (ip) => {
    const { err } = await run(guardedLookup(NONE, resolvesTo(ip)), 'evil.example', true);
    expect(err?.code).toBe('ESSRF');
    // The message lands in the delivery log the workspace reads: it must not reveal the address.
    expect(err?.message).not.toContain(ip);
  });

  it('pins localhost to loopback without asking the resolver', async () => {
    const resolver = jest.fn(saysPublic);
    expect((await run(guardedLookup(NONE, resolver), 'localhost', false)).err?.code).toBe('ESSRF');
    expect(await run(guardedLookup(parseAllowList('127.0.0.1/32,::1/128'), resolver), 'localhost', false)).toEqual({
      err: null,
      address: '127.0.0.1',
      family: 4,
    });
    expect(resolver).not.toHaveBeenCalled();
  });

  it('passes resolver failures through', async () => {
    const failing: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' });
    };
    expect((await run(guardedLookup(NONE, failing), 'x.example', false)).err?.code).toBe('ENOTFOUND');
  });
});
