import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, randomSecret, APP_CONFIG } from '@cairn/config';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from './user.repository';

/** First start: the workspace's first dashboard admin (CAIRN_ADMIN_EMAIL / CAIRN_ADMIN_PASSWORD). */
@Injectable()
export class UserBootstrapService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async ensureAdmin(workspaceId: string): Promise<{ created: boolean; generatedPassword: string | null }> {
    if ((await this.users.countForWorkspace(workspaceId)) > 0) return { created: false, generatedPassword: null };
    const generated = this.config.adminPassword ? null : randomSecret(15);
    const passwordHash = await this.hasher.hash(this.config.adminPassword ?? generated!);
    try {
      await this.users.create({ workspaceId, email: this.config.adminEmail, name: 'Admin', role: 'admin', passwordHash });
    } catch (error) {
      // Another process created it between the count and the insert: fine, it exists.
      if ((error as { code?: string }).code === 'P2002') return { created: false, generatedPassword: null };
      throw error;
    }
    if (generated) {
      // Printed once, on purpose: only its argon2 hash is stored.
      process.stdout.write(`\n  Cairn dashboard admin: ${this.config.adminEmail} / ${generated} (shown once)\n\n`);
    }
    this.logger.log('created the first dashboard admin');
    return { created: true, generatedPassword: generated };
  }
}
