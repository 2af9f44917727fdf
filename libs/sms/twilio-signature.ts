import { createHmac } from 'node:crypto';
import { safeEqual } from '@cairn/common';

/**
 * Twilio's request signature: HMAC-SHA1, keyed with the account's auth token, of the full URL Twilio called
 * followed by every POST parameter as name + value, sorted by name; base64. (twilio.com/docs/usage/security)
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => {
      const value = params[key];
      return acc + (Array.isArray(value) ? value.map((v) => key + v).join('') : key + value);
    }, url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** Constant-time check of an X-Twilio-Signature header; anything missing is false. */
export function isValidTwilioSignature(
  authToken: string | null,
  url: string,
  params: Record<string, string | string[]>,
  header: unknown,
): boolean {
  if (!authToken || typeof header !== 'string' || header.length === 0) return false;
  return safeEqual(twilioSignature(authToken, url, params), header);
}
