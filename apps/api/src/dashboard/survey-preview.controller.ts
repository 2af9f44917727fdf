import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { TouchpointService } from '@cairn/journey';
import { renderSurveyEmail } from '@cairn/mail';
import { WorkspaceRepository } from '@cairn/workspace';
import { SurveyPreviewDto } from './survey-preview.dto';

/** Renders the survey email for the editor; links point nowhere real, nothing is stored or sent. Dashboard-only: not in /docs. */
@ApiExcludeController()
@ApiTags('surveys')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/surveys/preview')
export class SurveyPreviewController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workspaces: WorkspaceRepository,
    private readonly touchpoints: TouchpointService,
  ) {}

  // A preview changes nothing, so anyone who may read surveys may preview them.
  @Post()
  @HttpCode(200)
  @RequireRole('viewer')
  async preview(@Auth() auth: AuthContext, @Body() dto: SurveyPreviewDto) {
    const workspace = await this.workspaces.findById(auth.workspaceId);
    const touchpoint = dto.touchpointId ? await this.touchpoints.get(auth.workspaceId, dto.touchpointId) : null;
    const base = `${this.config.publicBaseUrl}/r/preview`;
    return renderSurveyEmail({
      metric: dto.metric,
      locale: dto.locale ?? 'en',
      question: dto.question,
      subject: dto.subject,
      companyName: workspace?.name ?? this.config.companyName,
      touchpointName: touchpoint?.name ?? 'Delivery',
      person: { name: 'Alex', properties: {} },
      responseUrl: (score) => `${base}?score=${score}`,
      unsubscribeUrl: `${this.config.publicBaseUrl}/u/preview`,
    });
  }
}
