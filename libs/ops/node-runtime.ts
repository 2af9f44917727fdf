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
 * 229 MB peak at full speed.
 */
export const API_OLD_SPACE_OPTION = '--max-old-space-size=192';

/**
 * The worker's old generation at most 224 MB (its live heap is ~100 MB under
 * webhook deliveries). It replaced --optimize-for-size, which held the worker
 * at 165-180 MB but made V8 collect so often that it cost half the delivery
 * rate: in one A/B run of bench:webhooks, worker CPU per delivery 1.90 → 1.01 ms
 * and 200 → 426 deliveries/s, per detractor answer 7.9 → 6.0 ms, RSS peak 191 MB.
 */
export const WORKER_OLD_SPACE_OPTION = '--max-old-space-size=224';

/**
 * The environment for an API or worker child: `env` plus NODE_OPTIONS with
 * the semi-space size and the role's old-space cap, each added to
 * what is there unless it sets its own, and MALLOC_ARENA_MAX=2 unless set:
 * glibc gives each thread that mallocs (libuv's pool hashing argon2, V8's
 * compiler threads) an arena of its own, up to 8 per core, and each keeps
 * what it once held.
 */
export function nodeRuntimeEnv(env: NodeJS.ProcessEnv, role: 'api' | 'worker' = 'worker'): NodeJS.ProcessEnv {
  let options = env.NODE_OPTIONS ?? '';
  if (!options.includes('--max-semi-space-size')) options = `${options} ${SEMI_SPACE_OPTION}`.trim();
  if (!options.includes('--max-old-space-size')) options = `${options} ${role === 'api' ? API_OLD_SPACE_OPTION : WORKER_OLD_SPACE_OPTION}`;
  return { ...env, NODE_OPTIONS: options, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' };
}

/**
 * For a worker started without an old-space cap (plain `node dist/apps/worker/…`, not through nodeRuntimeEnv):
 * --optimize-for-size lets V8 grow the old generation only a little past its live data before a full GC, instead
 * of up to 4×. Without either, under webhook deliveries the worker held ~100 MB live but grew to 351 MB RSS; with
 * this flag 165-180 MB, at the cost of GC time (see WORKER_OLD_SPACE_OPTION). Read by V8 at each GC, so it works
 * when set after start. True when it was set.
 */
export function tuneWorkerHeapForMemory(nodeOptions = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`): boolean {
  if (nodeOptions.includes('--max-old-space-size')) return false;
  setFlagsFromString('--optimize-for-size');
  return true;
}
