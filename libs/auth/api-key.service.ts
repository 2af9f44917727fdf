import { Injectable, NotFoundException } from '@nestjs/common';
import { Clock, randomToken, sha256Hex } from '@cairn/common';
import type { UserRole } from '@cairn/database';
import { ApiKeyCache } from './api-key.cache';
import { ApiKeyRepository } from './api-key.repository';

const KEY_PREFIX = 'cairn_';
/** How long a key read from the database is trusted in this process: the longest a key revoked in ANOTHER process still works. */
export const API_KEY_CACHE_TTL_MS = 5_000;
const API_KEY_CACHE_ENTRIES = 1_000;

type ApiKeyRow = NonNullable<Awaited<ReturnType<ApiKeyRepository['findActiveByHash']>>>;

@Injectable()
export class ApiKeyService {
  private readonly cache: ApiKeyCache<ApiKeyRow>;

  constructor(
    private readonly keys: ApiKeyRepository,
    clock: Clock,
  ) {
    this.cache = new ApiKeyCache<ApiKeyRow>(API_KEY_CACHE_TTL_MS, API_KEY_CACHE_ENTRIES, () => clock.now().getTime());
  }

  static generate(): string {
    return KEY_PREFIX + randomToken(32);
  }

  /** Stores only the hash; the plain key is returned this once. */
  async create(workspaceId: string, name: string, role: UserRole = 'admin', plainKey = ApiKeyService.generate()) {
    const row = await this.keys.create({
      workspaceId,
      name,
      role,
      prefix: plainKey.slice(0, KEY_PREFIX.length + 6),
      keyHash: sha256Hex(plainKey),
    });
    return { id: row.id, name: row.name, role: row.role, prefix: row.prefix, createdAt: row.createdAt, key: plainKey };
  }

  /** The live key, from this process's short-lived cache or the database; lastUsedAt is touched on each database read. */
  async verify(plainKey: string): Promise<ApiKeyRow | null> {
    const hash = sha256Hex(plainKey);
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const version = this.cache.version();
    const row = await this.keys.findActiveByHash(hash);
    if (!row) return null;
    this.cache.set(hash, row, version);
    void this.keys.touch(row.id).catch(() => undefined);
    return row;
  }

  async list(workspaceId: string) {
    const rows = await this.keys.list(workspaceId);
    return rows.map(({ id, name, role, prefix, createdAt, lastUsedAt }) => ({ id, name, role, prefix, createdAt, lastUsedAt }));
  }

  async revoke(workspaceId: string, id: string): Promise<void> {
    // Forgotten before and after the write: no request of this process accepts the key once this returns.
    this.cache.forget(id);
    const { count } = await this.keys.revoke(workspaceId, id);
    this.cache.forget(id);
    if (!count) throw new NotFoundException('API key not found');
  }
}
