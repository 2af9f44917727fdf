// Keys a client chooses (person properties, segment names, Delighted's
// `a[b]` form fields, persona filters) become object keys. `__proto__`,
// `constructor` and `prototype` would reach or replace an object's prototype:
// one request could then change every object of the process.

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** True for `__proto__` and friends, also as one part of `a[__proto__]` or `segment.constructor`. */
export function isForbiddenKey(key: string): boolean {
  if (FORBIDDEN.has(key)) return true;
  return key.split(/[[\].]/).some((part) => FORBIDDEN.has(part));
}

export const FORBIDDEN_KEY_MESSAGE = 'keys named __proto__, constructor or prototype are not allowed';

/** An object without a prototype: whatever keys it gets, it can only ever hold them. */
export function safeRecord<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
