import { Injectable, NotFoundException } from '@nestjs/common';
import { randomToken } from '@cairn/common';
import { IdentitySecretRepository } from './identity-secret.repository';

const PREFIX = 'wis_';

/** Admins create, rotate and remove the key their site signs widget visitors with. */
@Injectable()
export class IdentitySecretService {
  constructor(private readonly secrets: IdentitySecretRepository) {}

  /** The only answer that carries the secret; a second call rotates it. */
  async rotate(workspaceId: string) {
    const secret = PREFIX + randomToken(32);
    const row = await this.secrets.replace(workspaceId, secret, secret.slice(0, PREFIX.length + 6));
    return { secret, prefix: row.prefix, createdAt: row.createdAt };
  }

  async status(workspaceId: string) {
    const row = await this.secrets.find(workspaceId);
    return row ? { configured: true, prefix: row.prefix, createdAt: row.createdAt } : { configured: false, prefix: null, createdAt: null };
  }

  async remove(workspaceId: string): Promise<void> {
    if (!(await this.secrets.remove(workspaceId))) throw new NotFoundException('No identity secret to remove');
  }

  /** For verifying a widget answer; null when the workspace has none (every answer is then anonymous). */
  async secretOf(workspaceId: string): Promise<string | null> {
    return (await this.secrets.find(workspaceId))?.secret ?? null;
  }
}
