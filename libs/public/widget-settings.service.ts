import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { randomToken } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { IdentitySecretService } from './identity-secret.service';
import { parseAllowedOrigins } from './widget-origins.policy';
import { UpdateWidgetSettingsDto } from './widget-settings.dto';
import { WidgetSettingsRepository } from './widget-settings.repository';

/** Admins set up the widget from the dashboard: key, allowed origins, and what to paste into their pages. */
@Injectable()
export class WidgetSettingsService {
  constructor(
    private readonly settings: WidgetSettingsRepository,
    private readonly secrets: IdentitySecretService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(workspaceId: string) {
    return this.present(workspaceId, await this.settings.find(workspaceId));
  }

  async update(workspaceId: string, dto: UpdateWidgetSettingsDto) {
    const verdict = parseAllowedOrigins(dto.allowedOrigins);
    if (!verdict.ok) throw new BadRequestException(`allowedOrigins: ${verdict.reason}`);
    return this.present(workspaceId, await this.settings.setOrigins(workspaceId, verdict.origins));
  }

  /** A new publishable key (same form as the one a workspace starts with); pages still carrying the old one get 401. */
  async rotateKey(workspaceId: string) {
    return this.present(workspaceId, await this.settings.setPublishableKey(workspaceId, `pk_${randomToken(18)}`));
  }

  private async present(workspaceId: string, row: { publishableKey: string; corsOrigins: string[] }) {
    return {
      publishableKey: row.publishableKey,
      allowedOrigins: row.corsOrigins,
      scriptUrl: `${this.config.publicBaseUrl.replace(/\/+$/, '')}/widget.js`,
      identityVerification: await this.secrets.status(workspaceId),
    };
  }
}
