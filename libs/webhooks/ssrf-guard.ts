import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, LookupFunction } from 'node:net';

/** CIDRs that may be reached even though they are internal (tests/dev only). */
export type AllowList = BlockList;
export interface ResolvedAddress {
  address: string;
  family: number;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;
export type UrlVerdict = { ok: true } | { ok: false; reason: string };

const BLOCKED_V4 = subnets('ipv4', [
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
]);
// IPv6 is default-deny: only global unicast (2000::/3) can be a public receiver, which
// covers ::, ::1, fc00::/7, fe80::/10, ff00::/8 and every future special range at once.
const GLOBAL_V6 = subnets('ipv6', ['2000::/3']);
// Teredo/ORCHID/benchmarking (2001::/23) and documentation ranges inside 2000::/3.
const BLOCKED_V6 = subnets('ipv6', ['2001::/23', '2001:db8::/32', '3fff::/20']);

function subnets(type: 'ipv4' | 'ipv6', cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of cidrs.map((c) => c.split('/'))) list.addSubnet(net, Number(prefix), type);
  return list;
}

/** '127.0.0.1/32,::1/128' → AllowList; a bare address means that single host. Throws on junk. */
export function parseAllowList(spec: string | undefined): AllowList {
  const list = new BlockList();
  for (const entry of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [net, prefix, extra] = entry.split('/');
    const family = isIP(net);
    const max = family === 6 ? 128 : 32;
    const bits = prefix === undefined ? max : Number(prefix);
    if (!family || extra !== undefined || !/^\d+$/.test(prefix ?? `${max}`) || bits > max) {
      throw new Error(`invalid CIDR in webhook allow-list: '${entry}'`);
    }
    list.addSubnet(net, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

function ipv6Groups(ip: string): number[] {
  const q = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip)?.slice(1).map(Number);
  if (q) ip = ip.replace(/[\d.]+$/, `${((q[0] << 8) | q[1]).toString(16)}:${((q[2] << 8) | q[3]).toString(16)}`);
  const [head, tail] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => parseInt(g, 16));
}

// Forms whose packets really go to an IPv4 host must be judged as that host.
function embeddedIPv4(g: number[]): string | null {
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(5) && g[5] === 0xffff) return v4(g[6], g[7]); // ::ffff:a.b.c.d (mapped)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4(g[6], g[7]); // NAT64
  if (g[0] === 0x2002) return v4(g[1], g[2]); // 6to4
  return null;
}

export function isBlockedAddress(ip: string, allow: AllowList): boolean {
  const addr = ip.replace(/%.*$/, ''); // a zone id does not change which host it is
  const family = isIP(addr);
  if (family === 0) return true; // fail closed on anything we cannot parse
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allow.check(addr, type)) return false;
  if (family === 4) return BLOCKED_V4.check(addr, 'ipv4');
  const v4 = embeddedIPv4(ipv6Groups(addr));
  if (v4) return isBlockedAddress(v4, allow);
  return !GLOBAL_V6.check(addr, 'ipv6') || BLOCKED_V6.check(addr, 'ipv6');
}

const systemResolver: Resolver = (host) => dnsLookup(host, { all: true });

async function resolveHost(host: string, resolve: Resolver): Promise<ResolvedAddress[]> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  if (family) return [{ address: bare, family }];
  // RFC 6761: *.localhost is loopback whatever a DNS server claims, so never ask one.
  if (/(^|\.)localhost\.?$/i.test(bare))
    return [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ];
  return resolve(bare);
}

/** Checks that need no DNS: scheme, credentials and literal IPs (which node:http never looks up). */
export function inspectWebhookUrl(url: string, allow: AllowList): { ok: true; url: URL } | { ok: false; reason: string } {
  // WHATWG parsing normalises 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 to dotted quads.
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed) return { ok: false, reason: 'invalid URL' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, reason: 'only http and https URLs are allowed' };
  if (parsed.username || parsed.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  const bare = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) && isBlockedAddress(bare, allow)) return { ok: false, reason: `address ${bare} is not allowed` };
  return { ok: true, url: parsed };
}

export async function checkWebhookUrl(url: string, allow: AllowList, resolver: Resolver = systemResolver): Promise<UrlVerdict> {
  const shape = inspectWebhookUrl(url, allow);
  if (!shape.ok) return shape;
  const host = shape.url.hostname;
  const answers = await resolveHost(host, resolver).catch((e) => (e instanceof Error ? e : new Error(String(e))));
  if (answers instanceof Error)
    return { ok: false, reason: `cannot resolve ${host}: ${(answers as NodeJS.ErrnoException).code ?? answers.message}` };
  if (answers.length === 0) return { ok: false, reason: `cannot resolve ${host}` };
  const bad = answers.find((a) => isBlockedAddress(a.address, allow));
  // Never name the address: the answer would map the internal network for whoever asks.
  return bad ? { ok: false, reason: `${host} is not allowed (it resolves to a private or reserved address)` } : { ok: true };
}

/**
 * A node:http/net `lookup` that judges the very addresses the socket will use, so a name
 * that re-resolves to an internal address after checkWebhookUrl (DNS rebinding) is refused.
 */
export function guardedLookup(allow: AllowList, resolver: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    const fail = (err: NodeJS.ErrnoException) => callback(err, '', 0);
    resolveHost(hostname, resolver).then((answers) => {
      const bad = answers.find((a) => isBlockedAddress(a.address, allow));
      // The message reaches the delivery log the workspace reads: no internal address in it.
      if (bad)
        return fail(
          Object.assign(new Error(`ESSRF: ${hostname} is not allowed (it resolves to a private or reserved address)`), { code: 'ESSRF' }),
        );
      const want = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
      const usable = answers.filter((a) => !want || a.family === want);
      if (usable.length === 0) return fail(Object.assign(new Error(`ENOTFOUND: no address for ${hostname}`), { code: 'ENOTFOUND' }));
      if (options.all) callback(null, usable);
      else callback(null, usable[0].address, usable[0].family);
    }, fail);
  };
}
