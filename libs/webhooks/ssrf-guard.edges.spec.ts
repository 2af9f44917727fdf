import { LookupAddress, LookupOptions } from 'node:dns';
import { checkWebhookUrl, guardedLookup, inspectWebhookUrl, isBlockedAddress, parseAllowList, Resolver } from './ssrf-guard';

// Edges of the SSRF guard that the main spec does not pin down: the pinned lookup's
// family filter, the refusal reasons callers show, literal hosts that must never reach
// the resolver, and IPv6 forms that only look like they embed an IPv4 host.
const NONE = parseAllowList(undefined);
const PUBLIC_V4 = '93.184.215.14';
const PUBLIC_V6 = '2606:4700:4700::1111';
const both: Resolver = async () => [
  { address: PUBLIC_V4, family: 4 },
  { address: PUBLIC_V6, family: 6 },
];
// A resolver that must not be asked: it would make any host look internal.
const mustNotAsk = () => jest.fn<ReturnType<Resolver>, Parameters<Resolver>>(async () => [{ address: '10.0.0.1', family: 4 }]);

type Answer = { err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };
const lookupWith = (resolver: Resolver, host: string, options: LookupOptions, allow = NONE) =>
  new Promise<Answer>((resolve) =>
    guardedLookup(allow, resolver)(host, options, (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) =>
      resolve({ err, address, family }),
    ),
  );

describe('guardedLookup: the family the socket asks for', () => {
  it.each([
    ['IPv4', [{ address: PUBLIC_V4, family: 4 }]],
    [4, [{ address: PUBLIC_V4, family: 4 }]],
    ['IPv6', [{ address: PUBLIC_V6, family: 6 }]],
    [6, [{ address: PUBLIC_V6, family: 6 }]],
    [
      0,
      [
        { address: PUBLIC_V4, family: 4 },
        { address: PUBLIC_V6, family: 6 },
      ],
    ],
    [
      undefined,
      [
        { address: PUBLIC_V4, family: 4 },
        { address: PUBLIC_V6, family: 6 },
      ],
    ],
  ] as const)('family %p with all: true hands back only that family', async (family, expected) => {
    const answer = await lookupWith(both, 'hooks.example', { family: family as LookupOptions['family'], all: true });
    expect(answer.err).toBeNull();
    expect(answer.address).toEqual(expected);
  });

  it('hands back the first usable address of the asked family with all: false', async () => {
    expect(await lookupWith(both, 'hooks.example', { family: 'IPv6', all: false })).toEqual({ err: null, address: PUBLIC_V6, family: 6 });
    expect(await lookupWith(both, 'hooks.example', { family: 6 })).toEqual({ err: null, address: PUBLIC_V6, family: 6 });
    expect(await lookupWith(both, 'hooks.example', {})).toEqual({ err: null, address: PUBLIC_V4, family: 4 });
  });

  it('fails with ENOTFOUND naming the host when no answer has the asked family', async () => {
    const v4only: Resolver = async () => [{ address: PUBLIC_V4, family: 4 }];
    const { err, address, family } = await lookupWith(v4only, 'v4only.example', { family: 'IPv6', all: true });
    expect(err?.code).toBe('ENOTFOUND');
    expect(err?.message).toBe('ENOTFOUND: no address for v4only.example');
    expect([address, family]).toEqual(['', 0]);
  });

  it('refuses with ESSRF naming the host but not the address', async () => {
    const mixed: Resolver = async () => [
      { address: PUBLIC_V4, family: 4 },
      { address: '192.168.7.7', family: 4 },
    ];
    const { err, address, family } = await lookupWith(mixed, 'mixed.example', { all: false });
    expect(err?.code).toBe('ESSRF');
    expect(err?.message).toBe('ESSRF: mixed.example is not allowed (it resolves to a private or reserved address)');
    expect([address, family]).toEqual(['', 0]);
  });

  it('answers IP literals itself, with or without brackets', async () => {
    const resolver = mustNotAsk();
    expect(await lookupWith(resolver, PUBLIC_V6, { all: false })).toEqual({ err: null, address: PUBLIC_V6, family: 6 });
    expect(await lookupWith(resolver, `[${PUBLIC_V6}]`, { all: false })).toEqual({ err: null, address: PUBLIC_V6, family: 6 });
    expect(await lookupWith(resolver, PUBLIC_V4, { all: true })).toEqual({ err: null, address: [{ address: PUBLIC_V4, family: 4 }] });
    expect(resolver).not.toHaveBeenCalled();
  });

  it('pins localhost to both loopback addresses, so allowing only 127.0.0.1 is not enough', async () => {
    const resolver = mustNotAsk();
    expect((await lookupWith(resolver, 'localhost', {}, parseAllowList('127.0.0.1/32'))).err?.code).toBe('ESSRF');
    expect((await lookupWith(resolver, 'localhost', {}, parseAllowList('::1/128'))).err?.code).toBe('ESSRF');
    expect(await lookupWith(resolver, 'Api.LocalHost.', { all: true }, parseAllowList('127.0.0.1/32,::1/128'))).toEqual({
      err: null,
      address: [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ],
    });
    expect(resolver).not.toHaveBeenCalled();
  });

  it('asks the resolver for names that only contain "localhost"', async () => {
    for (const host of ['notlocalhost', 'localhost.example.com', 'localhostx', 'my-localhost']) {
      const resolver = jest.fn(both);
      expect((await lookupWith(resolver, host, { all: false })).err).toBeNull();
      expect(resolver).toHaveBeenCalledWith(host);
    }
  });
});

describe('checkWebhookUrl: refusal reasons', () => {
  it.each([
    ['not a url', 'invalid URL'],
    ['ftp://example.com/', 'only http and https URLs are allowed'],
    ['https://user@example.com/', 'credentials in the URL are not allowed'],
    ['https://:secret@example.com/', 'credentials in the URL are not allowed'],
    ['http://[::1]:8080/', 'address ::1 is not allowed'],
    ['http://10.0.0.1/', 'address 10.0.0.1 is not allowed'],
    ['http://[::ffff:7f00:1]/', 'address ::ffff:7f00:1 is not allowed'],
  ])('%s: %s', async (url, reason) => {
    const resolver = mustNotAsk();
    expect(await checkWebhookUrl(url, NONE, resolver)).toEqual({ ok: false, reason });
    expect(resolver).not.toHaveBeenCalled();
  });

  it('names the resolver error code, else its message, else the thrown value', async () => {
    const rejecting =
      (value: unknown): Resolver =>
      async () => {
        throw value;
      };
    expect(await checkWebhookUrl('https://a.example/', NONE, rejecting(Object.assign(new Error('x'), { code: 'EAI_AGAIN' })))).toEqual({
      ok: false,
      reason: 'cannot resolve a.example: EAI_AGAIN',
    });
    expect(await checkWebhookUrl('https://b.example/', NONE, rejecting(new Error('resolver exploded')))).toEqual({
      ok: false,
      reason: 'cannot resolve b.example: resolver exploded',
    });
    expect(await checkWebhookUrl('https://c.example/', NONE, rejecting('plain string'))).toEqual({
      ok: false,
      reason: 'cannot resolve c.example: plain string',
    });
  });

  it('refuses a name with no answers, and names the host for a private answer', async () => {
    expect(await checkWebhookUrl('https://empty.example/', NONE, async () => [])).toEqual({
      ok: false,
      reason: 'cannot resolve empty.example',
    });
    expect(await checkWebhookUrl('https://inside.example/x', NONE, async () => [{ address: '10.9.8.7', family: 4 }])).toEqual({
      ok: false,
      reason: 'inside.example is not allowed (it resolves to a private or reserved address)',
    });
  });

  it('accepts public IP literals without asking the resolver', async () => {
    const resolver = mustNotAsk();
    expect(await checkWebhookUrl(`https://[${PUBLIC_V6}]:8443/`, NONE, resolver)).toEqual({ ok: true });
    expect(await checkWebhookUrl(`http://${PUBLIC_V4}/`, NONE, resolver)).toEqual({ ok: true });
    expect(resolver).not.toHaveBeenCalled();
  });

  it('inspectWebhookUrl hands back the parsed URL without any DNS', () => {
    const verdict = inspectWebhookUrl('https://hooks.example.com:8443/x?y=1', NONE);
    expect(verdict.ok && verdict.url.href).toBe('https://hooks.example.com:8443/x?y=1');
  });
});

describe('isBlockedAddress: IPv6 forms that only look like an embedded IPv4', () => {
  it.each([
    // Global unicast whose low groups spell a private IPv4: not a mapped or 6to4 form.
    '2606::ffff:7f00:1',
    '2606::ffff:127.0.0.1',
    '2606:ff9b::7f00:1',
    '2606:7f00:1::1',
    '2001:4860:0:0:0:ffff:a00:1',
  ])('allows %s', (ip) => expect(isBlockedAddress(ip, NONE)).toBe(false));

  it.each([
    // NAT64 only in the well-known 64:ff9b::/96; its neighbours are not global unicast.
    '64:1::5db8:d70e',
    '64:ff9b:1::5db8:d70e',
    '64:ff9b:0:0:1::5db8:d70e',
    '65:ff9b::5db8:d70e',
    // Mapped only with five zero groups in front.
    '0:0:0:1:0:ffff:5db8:d70e',
    '1::ffff:5db8:d70e',
  ])('blocks %s', (ip) => expect(isBlockedAddress(ip, NONE)).toBe(true));

  it('judges the full and the compressed form of a mapped address alike', () => {
    expect(isBlockedAddress('0:0:0:0:0:ffff:5db8:d70e', NONE)).toBe(false);
    expect(isBlockedAddress('0:0:0:0:0:ffff:7f00:1', NONE)).toBe(true);
    expect(isBlockedAddress('0:0:0:0:0:ffff:93.184.215.14', NONE)).toBe(false);
  });

  it('decodes each octet of an embedded IPv4 from the right bits', () => {
    // 6to4 and NAT64 of 172.16.0.1 (private) and of 172.15.255.1 / 172.32.0.1 (public, just outside 172.16/12).
    expect(isBlockedAddress('2002:ac10:1::', NONE)).toBe(true);
    expect(isBlockedAddress('2002:ac0f:ff01::', NONE)).toBe(false);
    expect(isBlockedAddress('2002:ac20:1::', NONE)).toBe(false);
    expect(isBlockedAddress('64:ff9b::ac10:1', NONE)).toBe(true);
    expect(isBlockedAddress('64:ff9b::ac0f:ff01', NONE)).toBe(false);
    expect(isBlockedAddress('64:ff9b::172.32.0.1', NONE)).toBe(false);
    expect(isBlockedAddress('::ffff:172.16.0.1', NONE)).toBe(true);
    expect(isBlockedAddress('::ffff:1.2.3.4', NONE)).toBe(false);
    expect(isBlockedAddress('::ffff:192.168.255.1', NONE)).toBe(true);
    expect(isBlockedAddress('::ffff:192.169.0.1', NONE)).toBe(false);
  });

  it('ignores a zone id, also on a mapped public address', () => {
    expect(isBlockedAddress(`::ffff:${PUBLIC_V4}%eth0`, NONE)).toBe(false);
    expect(isBlockedAddress(`${PUBLIC_V6}%1`, NONE)).toBe(false);
    expect(isBlockedAddress('fe80::1%eth0', NONE)).toBe(true);
  });

  it('applies an IPv6 allow-list entry to IPv6 and an IPv4 one to the embedded host', () => {
    const allow = parseAllowList('fd00::/8,10.1.0.0/16');
    expect(isBlockedAddress('fd12::1', allow)).toBe(false);
    expect(isBlockedAddress('fe80::1', allow)).toBe(true);
    expect(isBlockedAddress('::ffff:10.1.2.3', allow)).toBe(false);
    expect(isBlockedAddress('64:ff9b::a01:203', allow)).toBe(false);
    expect(isBlockedAddress('::ffff:10.2.0.1', allow)).toBe(true);
  });
});

describe('parseAllowList: prefixes', () => {
  it('accepts the widest prefix of each family and a prefix of 0', () => {
    expect(isBlockedAddress('10.0.0.7', parseAllowList('10.0.0.7/32'))).toBe(false);
    expect(isBlockedAddress('fd00::7', parseAllowList('fd00::7/128'))).toBe(false);
    expect(isBlockedAddress('fd00::8', parseAllowList('fd00::7/128'))).toBe(true);
    expect(isBlockedAddress('192.168.9.9', parseAllowList('0.0.0.0/0'))).toBe(false);
  });

  it('reads a bare IPv6 address as a /128 and skips empty entries', () => {
    const allow = parseAllowList(',fd00::7,,');
    expect(isBlockedAddress('fd00::7', allow)).toBe(false);
    expect(isBlockedAddress('fd00::6', allow)).toBe(true);
  });

  it.each(['10.0.0.0/', '10.0.0.0/1x', '10.0.0.0/x1', '10.0.0.0/-1', '10.0.0.0/ 8', 'fd00::/129', '10.0.0.0/33'])(
    'rejects %p with the entry in the message',
    (spec) => {
      expect(() => parseAllowList(spec)).toThrow(`invalid CIDR in webhook allow-list: '${spec.trim()}'`);
    },
  );
});

describe('isBlockedAddress: more forms', () => {
  it('reads a trailing :: as zero groups when decoding an embedded IPv4', () => {
    // 93.184.0.0 is public, so both forms are allowed.
    expect(isBlockedAddress('64:ff9b:0:0:0:0:5db8::', NONE)).toBe(false);
    expect(isBlockedAddress('0:0:0:0:0:ffff:5db8::', NONE)).toBe(false);
  });

  it('blocks the deprecated IPv4-compatible form (::a.b.c.d is not global unicast)', () => {
    expect(isBlockedAddress('::5db8:d70e', NONE)).toBe(true);
    expect(isBlockedAddress(`::${PUBLIC_V4}`, NONE)).toBe(true);
  });

  it('fails closed on a malformed address that starts like a 6to4 one', () => {
    expect(isBlockedAddress('2002:5db8:d70e::1::', NONE)).toBe(true);
  });
});
