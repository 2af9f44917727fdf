/** Polls until `check` returns a truthy value; the alternative to sleeping in tests. */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 15_000,
  label = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Until a session of the current database waits for a lock (a statement the test started has reached a row it holds);
 * with `of`, until one (or exactly `sessions`) whose query contains `statement` waits.
 */
export async function waitForLockWait(
  db: { $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T> },
  label: string,
  timeoutMs = 15_000,
  of: { statement: string; sessions?: number } = { statement: '' },
): Promise<void> {
  await waitFor(
    async () => {
      const [{ waiting }] = await db.$queryRaw<Array<{ waiting: number }>>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ${`%${of.statement}%`}`;
      return of.sessions === undefined ? waiting > 0 : waiting === of.sessions;
    },
    timeoutMs,
    label,
  );
}

/**
 * Holds one row locked FOR UPDATE in a transaction of its own until `release` is called, as a slow or concurrent
 * writer would. Resolves once the lock is had; `done` settles once the transaction ended.
 */
export async function holdRowLock(
  prisma: {
    $transaction<T>(
      work: (tx: { $queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown> }) => Promise<T>,
      options: { timeout: number },
    ): Promise<T>;
  },
  table: 'people' | 'invitations',
  id: string,
): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const isHeld = new Promise<void>((resolve) => (held = resolve));
  const done = prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, id);
      held();
      await released;
    },
    { timeout: 30_000 },
  );
  await Promise.race([isHeld, done]);
  return { release, done };
}
