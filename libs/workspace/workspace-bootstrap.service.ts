import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApiKeyRepository, ApiKeyService } from '@cairn/auth';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { WorkspaceRepository } from './workspace.repository';

export const DEFAULT_WORKSPACE = 'default';

/** First start: the `default` workspace and its first admin key (api.md, "Auth"). */
@Injectable()
export class WorkspaceBootstrapService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workspaces: WorkspaceRepository,
    private readonly apiKeyRepository: ApiKeyRepository,
    private readonly apiKeys: ApiKeyService,
  ) {}

  /** Safe when several API processes start at once: they run it one after the other, and only the first makes a key. */
  bootstrap(): Promise<{ workspaceId: string; generatedKey: string | null }> {
    return this.workspaces.exclusively('bootstrap', () => this.bootstrapAlone());
  }

  private async bootstrapAlone(): Promise<{ workspaceId: string; generatedKey: string | null }> {
    const workspace = await this.workspaces.ensure(DEFAULT_WORKSPACE, this.config.companyName);
    if ((await this.apiKeyRepository.countForWorkspace(workspace.id)) > 0) {
      return { workspaceId: workspace.id, generatedKey: null };
    }
    if (this.config.bootstrapApiKey) {
      await this.apiKeys.create(workspace.id, 'bootstrap', 'admin', this.config.bootstrapApiKey);
      return { workspaceId: workspace.id, generatedKey: null };
    }
    const created = await this.apiKeys.create(workspace.id, 'first admin key', 'admin');
    // Printed once, on purpose: it is the only copy (only its hash is stored).
    process.stdout.write(`\n  Cairn admin API key for workspace "default" (shown once): ${created.key}\n\n`);
    this.logger.log('generated the first admin API key');
    return { workspaceId: workspace.id, generatedKey: created.key };
  }
}
