// How the API and worker processes run Node, chosen by measuring their RSS
// under the benchmarks' load (issue 12: each <= 300 MB). Whoever starts them
// passes this environment: `npm start`'s supervisor and the benchmarks.

/** Semi-spaces of 4 MB instead of V8's 16 MB: the young generation of a process holds ~24 MB less. */
export const SEMI_SPACE_OPTION = '--max-semi-space-size=4';

/**
 * The environment for an API or worker child: `env` plus NODE_OPTIONS with
 * the semi-space size (added to what is there, unless it sets one itself)
 * and MALLOC_ARENA_MAX=2 unless set: glibc gives each thread that mallocs
 * (libuv's pool hashing argon2, V8's compiler threads) an arena of its own,
 * up to 8 per core, and each keeps what it once held.
 */
export function nodeRuntimeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const options = env.NODE_OPTIONS ?? '';
  return {
    ...env,
    NODE_OPTIONS: options.includes('--max-semi-space-size') ? options : `${options} ${SEMI_SPACE_OPTION}`.trim(),
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2',
  };
}
