import { Injectable, NotFoundException } from '@nestjs/common';
import { randomToken, sha256Hex } from '@cairn/common';
import type { UserRole } from '@cairn/database';
import { ApiKeyRepository } from './api-key.repository';

const KEY_PREFIX = 'cairn_';

@Injectable()
export class ApiKeyService {
  constructor(private readonly keys: ApiKeyRepository) {}

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

  async verify(plainKey: string) {
    const row = await this.keys.findActiveByHash(sha256Hex(plainKey));
    if (row) void this.keys.touch(row.id).catch(() => undefined);
    return row;
  }

  async list(workspaceId: string) {
    const rows = await this.keys.list(workspaceId);
    return rows.map(({ id, name, role, prefix, createdAt, lastUsedAt }) => ({ id, name, role, prefix, createdAt, lastUsedAt }));
  }

  async revoke(workspaceId: string, id: string): Promise<void> {
    const { count } = await this.keys.revoke(workspaceId, id);
    if (!count) throw new NotFoundException('API key not found');
  }
}
