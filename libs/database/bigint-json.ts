// Prisma returns BIGINT columns (the Delighted-compatible `compat_id`s) as JavaScript bigints, which JSON.stringify
// refuses with a TypeError. A row serialised whole (a log line, a test's snapshot) must not crash on them: they are
// written as decimal strings, as Delighted's API wrote its ids.
declare global {
  interface BigInt {
    toJSON(): string;
  }
}

if (typeof BigInt.prototype.toJSON !== 'function') {
  Object.defineProperty(BigInt.prototype, 'toJSON', {
    value: function toJSON(this: bigint) {
      return this.toString();
    },
    writable: true,
    configurable: true,
  });
}

export {};
