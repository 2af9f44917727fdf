import { isBlockedAddress, parseAllowList } from './ssrf-guard';

// The special-purpose ranges (IANA registries, RFC 6890) written out again here,
// on purpose not imported: a range narrowed or dropped in the guard must show.
const BLOCKED_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.88.99.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];
// IPv6: only global unicast 2000::/3 may be reached, minus these ranges inside it.
const BLOCKED_V6_INSIDE_GLOBAL = ['2001::/23', '2001:db8::/32', '3fff::/20'];

const NONE = parseAllowList(undefined);

const v4ToInt = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
const intToV4 = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
const v6ToBig = (ip: string) => {
  const [head, tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.reduce((n, g) => (n << 16n) + BigInt(parseInt(g, 16)), 0n);
};
const bigToV6 = (n: bigint) => Array.from({ length: 8 }, (_, i) => ((n >> BigInt((7 - i) * 16)) & 0xffffn).toString(16)).join(':');

function ends4(cidr: string): [number, number] {
  const [net, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return [v4ToInt(net), v4ToInt(net) + size - 1];
}
function ends6(cidr: string): [bigint, bigint] {
  const [net, bits] = cidr.split('/');
  const size = 1n << BigInt(128 - Number(bits));
  return [v6ToBig(net), v6ToBig(net) + size - 1n];
}

const inV4 = (n: number) => BLOCKED_V4.some((c) => n >= ends4(c)[0] && n <= ends4(c)[1]);
const inV6Blocked = (n: bigint) => {
  const [gLo, gHi] = ends6('2000::/3');
  return n < gLo || n > gHi || BLOCKED_V6_INSIDE_GLOBAL.some((c) => n >= ends6(c)[0] && n <= ends6(c)[1]);
};

/** First and last address of every range, and the neighbours just outside (blocked only if another range holds them). */
const v4Cases = BLOCKED_V4.flatMap((cidr) => {
  const [lo, hi] = ends4(cidr);
  return [
    [cidr, intToV4(lo), true],
    [cidr, intToV4(hi), true],
    ...[lo - 1, hi + 1].filter((n) => n >= 0 && n < 2 ** 32).map((n) => [cidr, intToV4(n), inV4(n)]),
  ] as Array<[string, string, boolean]>;
});
const v6Cases = [...BLOCKED_V6_INSIDE_GLOBAL, '2000::/3'].flatMap((cidr) => {
  const [lo, hi] = ends6(cidr);
  return [lo, hi, lo - 1n, hi + 1n].map((n) => [cidr, bigToV6(n), inV6Blocked(n)]) as Array<[string, string, boolean]>;
});

describe('SSRF guard: every listed range at both ends', () => {
  it.each(v4Cases)('%s: %s blocked=%s', (_cidr, ip, blocked) => {
    expect(isBlockedAddress(ip, NONE)).toBe(blocked);
    // The same host written as IPv4-mapped IPv6 is judged the same way.
    expect(isBlockedAddress(`::ffff:${ip}`, NONE)).toBe(blocked);
  });

  it.each(v6Cases)('%s: %s blocked=%s', (_cidr, ip, blocked) => {
    expect(isBlockedAddress(ip, NONE)).toBe(blocked);
  });

  it('covers both halves of a range wider than a /16 (198.18.0.0/15 is 198.18 and 198.19)', () => {
    for (const ip of ['198.18.0.0', '198.18.255.255', '198.19.0.0', '198.19.255.255']) expect(isBlockedAddress(ip, NONE)).toBe(true);
    for (const ip of ['198.17.255.255', '198.20.0.0']) expect(isBlockedAddress(ip, NONE)).toBe(false);
  });
});
