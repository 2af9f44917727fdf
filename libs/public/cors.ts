/** Exact origins (scheme://host[:port]) from workspace.corsOrigins; '*' allows any page. */
export function originAllowed(allowList: readonly string[], origin: string): boolean {
  const wanted = normalizeOrigin(origin);
  return allowList.some((entry) => entry === '*' || normalizeOrigin(entry) === wanted);
}

export function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

/** Headers that let the browser hand our answer to the calling page. */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

export const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};
