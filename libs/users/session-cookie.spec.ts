import { sha256Hex } from '@cairn/common';
import {
  clearedSessionCookie,
  csrfTokenFor,
  csrfTokenMatches,
  isUnsafeMethod,
  newSessionToken,
  originAllowed,
  readSessionCookie,
  sessionCookie,
} from './session-cookie';

describe('session cookie', () => {
  it('makes 192-bit tokens and stores only their sha256', () => {
    const { token, tokenHash } = newSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    expect(tokenHash).toBe(sha256Hex(token));
    expect(newSessionToken().token).not.toBe(token);
  });

  it('reads the session cookie among others', () => {
    expect(readSessionCookie('a=1; cairn_session=abc_-9; b=2')).toBe('abc_-9');
    expect(readSessionCookie('cairn_sessionx=1')).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
    expect(readSessionCookie('cairn_session=')).toBeUndefined();
  });

  it('sets HttpOnly, SameSite=Lax, Path=/, and Secure only over HTTPS', () => {
    expect(sessionCookie('t', false, 60)).toMatch(/^cairn_session=t; Path=\/; Max-Age=60; Expires=.+; HttpOnly; SameSite=Lax$/);
    expect(sessionCookie('t', true, 60)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toMatch(/^cairn_session=; Path=\/; Max-Age=0;/);
  });

  it('derives the CSRF token from the session and compares it exactly', () => {
    const csrf = csrfTokenFor('session-a');
    expect(csrf).not.toBe(sha256Hex('session-a'));
    expect(csrfTokenMatches('session-a', csrf)).toBe(true);
    expect(csrfTokenMatches('session-b', csrf)).toBe(false);
    expect(csrfTokenMatches('session-a', undefined)).toBe(false);
    expect(csrfTokenMatches('session-a', [csrf])).toBe(false);
  });

  it('treats only POST, PUT, PATCH and DELETE as unsafe', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].map(isUnsafeMethod)).toEqual([false, false, false]);
    expect(['post', 'PUT', 'PATCH', 'DELETE'].map(isUnsafeMethod)).toEqual([true, true, true, true]);
  });

  it('accepts no Origin or this site, refuses other sites and opaque origins', () => {
    const base = 'https://cx.example.com';
    expect(originAllowed(undefined, 'anything', base)).toBe(true);
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', base)).toBe(true);
    expect(originAllowed('https://cx.example.com', 'internal:3000', base)).toBe(true);
    expect(originAllowed('https://evil.example', 'cx.example.com', base)).toBe(false);
    expect(originAllowed('null', 'cx.example.com', base)).toBe(false);
    expect(originAllowed('not a url', 'cx.example.com', base)).toBe(false);
  });
});
