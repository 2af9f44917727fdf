/**
 * Live API keys by hash, kept for a few seconds so that a busy integration
 * (POST /events at thousands a second) does not read its key from Postgres on
 * every request. Only found keys are kept: an unknown key is looked up each
 * time, and nobody can fill the map with guesses. A revocation in this process
 * drops the key at once; other processes (another API instance) drop it when
 * its entry expires, so `ttlMs` is the longest a revoked key can still work.
 */
export class ApiKeyCache<K extends { id: string }> {
  private readonly byHash = new Map<string, { key: K; until: number }>();
  /** Counts revocations: a read that started before one may not put its (possibly revoked) key back. */
  private revocations = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(hash: string): K | null {
    const entry = this.byHash.get(hash);
    if (!entry) return null;
    if (entry.until <= this.now()) {
      this.byHash.delete(hash);
      return null;
    }
    return entry.key;
  }

  /** Taken before reading a key from the database, and handed to set() with what was read. */
  version(): number {
    return this.revocations;
  }

  set(hash: string, key: K, version: number): void {
    if (version !== this.revocations) return;
    // A full map starts over rather than tracking recency: more live keys than this is not the case to optimise.
    if (this.byHash.size >= this.maxEntries && !this.byHash.has(hash)) this.byHash.clear();
    this.byHash.set(hash, { key, until: this.now() + this.ttlMs });
  }

  /** Forgets a key by its id (revoked): its next use is read from the database again. */
  forget(id: string): void {
    this.revocations++;
    for (const [hash, entry] of this.byHash) if (entry.key.id === id) this.byHash.delete(hash);
  }
}
