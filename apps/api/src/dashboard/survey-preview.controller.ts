import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { TouchpointService } from '@cairn/journey';
import { renderSurveyEmail } from '@cairn/mail';
import { composeSmsBody, GSM7_SEGMENT } from '@cairn/sms';
import { WorkspaceRepository } from '@cairn/workspace';
import { SmsPreviewDto, SurveyPreviewDto } from './survey-preview.dto';

/** A code of the length real ones have (22 characters, 128 bits), so the preview counts what a real text counts. */
const SAMPLE_CODE = 'AbCdEfGhIjKlMnOpQrStUv';

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

  /**
   * The text an SMS survey sends, as the sender composes it, with what the editor shows under it: characters used of
   * the 160 of one GSM-7 segment (extension characters count two), or UCS-2 when the company name needs it.
   */
  @Post('sms')
  @HttpCode(200)
  @RequireRole('viewer')
  async previewSms(@Auth() auth: AuthContext, @Body() dto: SmsPreviewDto) {
    const workspace = await this.workspaces.findById(auth.workspaceId);
    const body = composeSmsBody({
      metric: dto.metric,
      locale: dto.locale ?? 'en',
      companyName: workspace?.name ?? this.config.companyName,
      link: `${this.config.publicBaseUrl}/s/${SAMPLE_CODE}`,
    });
    const encoding = body.gsm7Length === null ? 'UCS-2' : 'GSM-7';
    return {
      text: body.text,
      locale: body.locale,
      encoding,
      length: body.gsm7Length ?? body.text.length,
      limit: encoding === 'GSM-7' ? GSM7_SEGMENT : 70,
      segments: body.segments,
    };
  }
}
