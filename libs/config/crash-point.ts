// Deterministic crash points for the exactly-once tests of survey sending.
// A test worker started with CAIRN_TEST_CRASH_POINT=<point>[:N] SIGKILLs
// itself the N-th time (default 1) it reaches <point>, so a test can stop it
// at one exact step of the hand-over instead of at a random moment. Unset (as
// in every production configuration; config validation refuses it there) each
// call is a no-op.

export const CRASH_POINTS = ['before-handover-commit', 'after-handover-commit', 'before-end-of-data'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export const CRASH_POINT_VARIABLE = 'CAIRN_TEST_CRASH_POINT';

export interface ArmedCrash {
  point: CrashPoint;
  nth: number;
}

/** 'before-end-of-data:2' → { point, nth: 2 }; throws on anything else, and in production. */
export function parseCrashPoint(raw: string | undefined, nodeEnv: string | undefined): ArmedCrash | null {
  if (raw === undefined || raw === '') return null;
  if (nodeEnv === 'production') throw new Error(`${CRASH_POINT_VARIABLE} is a test-only hook and must not be set when NODE_ENV=production`);
  const [point, nth = '1', extra] = raw.split(':');
  if (!(CRASH_POINTS as readonly string[]).includes(point) || extra !== undefined || !/^[1-9]\d{0,5}$/.test(nth)) {
    throw new Error(`${CRASH_POINT_VARIABLE} must be one of ${CRASH_POINTS.join(', ')}, optionally with :N, got "${raw}"`);
  }
  return { point: point as CrashPoint, nth: Number(nth) };
}

let armed: ArmedCrash | null | undefined;
const reached = new Map<CrashPoint, number>();

/** Kills this process on the armed point's N-th visit; otherwise does nothing. */
export function crashPoint(point: CrashPoint): void {
  // Read once, lazily: the worker's config validation has run by the first send.
  if (armed === undefined) armed = parseCrashPoint(process.env[CRASH_POINT_VARIABLE], process.env.NODE_ENV);
  if (armed?.point !== point) return;
  const count = (reached.get(point) ?? 0) + 1;
  reached.set(point, count);
  if (count === armed.nth) process.kill(process.pid, 'SIGKILL');
}
