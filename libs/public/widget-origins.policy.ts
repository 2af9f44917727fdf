/**
 * The origins an admin lets the widget answer from, as browsers send them in
 * the Origin header: scheme://host[:port], lowercase, default port dropped,
 * no path. '*' lets any page answer. Stored in this form so the exact
 * comparisons of cors.ts and the preflight's SQL match what browsers send.
 */
export type OriginsVerdict = { ok: true; origins: string[] } | { ok: false; reason: string };

export const MAX_ORIGINS = 50;

export function parseAllowedOrigins(entries: readonly string[]): OriginsVerdict {
  const origins: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    const origin = entry === '*' ? '*' : originOf(entry);
    if (!origin) {
      return { ok: false, reason: `"${raw}" is not an origin: write scheme://host[:port] (e.g. https://shop.example.com) or *` };
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  if (origins.length > MAX_ORIGINS) return { ok: false, reason: `at most ${MAX_ORIGINS} origins` };
  return { ok: true, origins };
}

function originOf(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.search || url.hash) return null;
  // Only a bare origin, optionally with a trailing slash: a path would suggest a per-page rule that does not exist.
  if (!/^[a-z]+:\/\/[^/?#]+\/?$/i.test(entry)) return null;
  return url.origin;
}
