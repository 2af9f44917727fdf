import { randomToken, safeEqual, sha256Hex } from '@cairn/common';

export const SESSION_COOKIE = 'cairn_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** 24 random bytes = 192 bits; the cookie carries it, the database only its sha256. */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomToken(24);
  return { token, tokenHash: sha256Hex(token) };
}

/**
 * The CSRF token is derived from the session token: the page learns it from a
 * same-origin JSON answer (another site cannot read it) and echoes it in a
 * header; nothing extra is stored, and a leaked database row reveals neither.
 */
export function csrfTokenFor(sessionToken: string): string {
  return sha256Hex(`cairn-csrf:${sessionToken}`);
}

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE.has(method.toUpperCase());
}

export function csrfTokenMatches(sessionToken: string, header: unknown): boolean {
  return typeof header === 'string' && safeEqual(header, csrfTokenFor(sessionToken));
}

/**
 * A browser always sends Origin on cross-site unsafe requests; when it is there
 * it must name this site (the Host the request came to, or the public base URL).
 */
export function originAllowed(origin: unknown, host: unknown, publicBaseUrl: string): boolean {
  if (origin === undefined) return true;
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    const url = new URL(origin);
    return url.host === host || url.origin === new URL(publicBaseUrl).origin;
  } catch {
    return false;
  }
}

/** The session token from a Cookie header (first match wins, like browsers send the most specific first). */
export function readSessionCookie(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=') || undefined;
  }
  return undefined;
}

/**
 * The Set-Cookie value. HttpOnly (no script reads it), SameSite=Lax (other sites' POSTs carry no cookie),
 * Secure whenever the dashboard is reached over HTTPS (directly or behind a proxy).
 * The token is base64url, so it needs no encoding.
 */
export function sessionCookie(token: string, https: boolean, maxAgeSeconds: number): string {
  const expires = new Date(Date.now() + maxAgeSeconds * 1000).toUTCString();
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, `Expires=${expires}`, 'HttpOnly', 'SameSite=Lax'];
  return (https ? [...parts, 'Secure'] : parts).join('; ');
}

export function clearedSessionCookie(https: boolean): string {
  const parts = [`${SESSION_COOKIE}=`, 'Path=/', 'Max-Age=0', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'HttpOnly', 'SameSite=Lax'];
  return (https ? [...parts, 'Secure'] : parts).join('; ');
}
