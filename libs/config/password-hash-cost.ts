/**
 * argon2id memory cost (KiB) for dashboard passwords. The default is the
 * library's 64 MiB; tests lower it (ARGON2_MEMORY_COST=1024) because hundreds
 * of logins at 64 MiB each made one test spend most of its time hashing.
 * A production start refuses anything below OWASP's minimum for argon2id
 * (19 MiB), so a test setting copied into production cannot weaken stored hashes.
 */
export const ARGON2_DEFAULT_MEMORY_KIB = 65_536;
export const ARGON2_PRODUCTION_FLOOR_KIB = 19_456;
/** argon2's own lower bound is 8 KiB per lane; 1 MiB keeps the tests' hashes real argon2id. */
export const ARGON2_MIN_MEMORY_KIB = 1_024;
const ARGON2_MAX_MEMORY_KIB = 4_194_304; // 4 GiB

export function argon2MemoryCost(raw: string | undefined, nodeEnv: string | undefined): number {
  if (raw === undefined || raw === '') return ARGON2_DEFAULT_MEMORY_KIB;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < ARGON2_MIN_MEMORY_KIB || value > ARGON2_MAX_MEMORY_KIB) {
    throw new Error(
      `ARGON2_MEMORY_COST must be an integer number of KiB between ${ARGON2_MIN_MEMORY_KIB} and ${ARGON2_MAX_MEMORY_KIB}, got "${raw}"`,
    );
  }
  if (nodeEnv === 'production' && value < ARGON2_PRODUCTION_FLOOR_KIB) {
    throw new Error(`ARGON2_MEMORY_COST must be at least ${ARGON2_PRODUCTION_FLOOR_KIB} KiB when NODE_ENV=production, got ${value}`);
  }
  return value;
}
