// How the API and worker processes run Node, chosen by measuring their RSS
// under the benchmarks' load (issue 12: each <= 300 MB). Whoever starts them
// passes this environment: `npm start`'s supervisor and the benchmarks.
import { setFlagsFromString } from 'node:v8';

/** Semi-spaces of 4 MB instead of V8's 16 MB: the young generation of a process holds ~24 MB less. */
export const SEMI_SPACE_OPTION = '--max-semi-space-size=4';

/**
 * The API's old generation at most 192 MB. Answering at 2,000/s it otherwise
 * grew to 355-396 MB RSS before V8 collected (its live heap is ~70 MB; every
 * request body, export and list is bounded or streamed). `--optimize-for-size`
 * capped it too (212 MB) but cost ~10 % of answers/s; a cap of 160 MB gave a
 * 229 MB peak at full speed. The worker keeps --optimize-for-size instead.
 */
export const API_OLD_SPACE_OPTION = '--max-old-space-size=192';

/**
 * The environment for an API or worker child: `env` plus NODE_OPTIONS with
 * the semi-space size (and, for the API, the old-space cap), each added to
 * what is there unless it sets its own, and MALLOC_ARENA_MAX=2 unless set:
 * glibc gives each thread that mallocs (libuv's pool hashing argon2, V8's
 * compiler threads) an arena of its own, up to 8 per core, and each keeps
 * what it once held.
 */
export function nodeRuntimeEnv(env: NodeJS.ProcessEnv, role: 'api' | 'worker' = 'worker'): NodeJS.ProcessEnv {
  let options = env.NODE_OPTIONS ?? '';
  if (!options.includes('--max-semi-space-size')) options = `${options} ${SEMI_SPACE_OPTION}`.trim();
  if (role === 'api' && !options.includes('--max-old-space-size')) options = `${options} ${API_OLD_SPACE_OPTION}`;
  return { ...env, NODE_OPTIONS: options, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' };
}

/**
 * For the worker: --optimize-for-size lets V8 grow the old generation only a
 * little past its live data before a full GC, instead of up to 4×. Under
 * webhook deliveries the worker held ~100 MB live but grew to 351 MB RSS; with
 * this flag 165-170 MB. It costs GC time: deliveries/s as a ratio to the raw
 * floor measured 0.14 against 0.17-0.19 without it (noisy, load 5-8), so the
 * API, under 260 MB without it, does not set it. Read by V8 at each GC, so it
 * works when set after start, however the process was started.
 */
export function tuneWorkerHeapForMemory(): void {
  setFlagsFromString('--optimize-for-size');
}
