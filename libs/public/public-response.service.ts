import { ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { resolveLocale, t } from '@cairn/i18n';
import { ResponseRecorderService } from '@cairn/responses';
import { SCALES } from '@cairn/scoring';
import { originAllowed } from './cors';
import { IdentitySecretService } from './identity-secret.service';
import { verifyIdentity } from './person-identity.policy';
import { PublicAnswerRepository } from './public-answer.repository';
import { PublicResponseDto } from './public-response.dto';
import { surveyTexts } from './survey-texts';

/** In-app and web-widget answers: a publishable key and a touchpoint key, checked against the workspace's allowed origins. */
@Injectable()
export class PublicResponseService {
  constructor(
    private readonly repository: PublicAnswerRepository,
    private readonly recorder: ResponseRecorderService,
    private readonly secrets: IdentitySecretService,
  ) {}

  /** A browser preflight carries no key, so it passes when any workspace allows the origin. */
  preflightAllowed(origin: string | undefined): Promise<boolean> {
    return origin ? this.repository.originKnown(origin) : Promise.resolve(false);
  }

  async answer(dto: PublicResponseDto, origin: string | undefined) {
    const { workspace, touchpoint, survey } = await this.locate(dto.workspaceKey, dto.touchpointKey, origin);
    const person = await this.signedPerson(workspace.id, dto);
    const response = await this.recorder.answerDirect(
      {
        workspaceId: workspace.id,
        surveyId: survey.id,
        personId: person?.id ?? null,
        touchpointId: touchpoint.id,
        stageId: touchpoint.stageId,
        journeyId: touchpoint.journeyId,
        metric: survey.metric,
        locale: resolveLocale(dto.locale ?? person?.locale),
        source: touchpoint.channel === 'app' ? 'app' : 'web',
        personProperties: (person?.properties ?? {}) as Record<string, unknown>,
      },
      { score: dto.score, comment: dto.comment },
    );
    return { id: response.id, metric: response.metric, score: response.score, comment: response.comment, createdAt: response.createdAt };
  }

  /** The person only when the site signed them; unsigned answers stay anonymous (no link, no person created or read). */
  private async signedPerson(workspaceId: string, dto: PublicResponseDto) {
    const verdict = verifyIdentity(dto.person, dto.person?.userHash ? await this.secrets.secretOf(workspaceId) : null);
    if (verdict.kind === 'refused') throw new ForbiddenException(verdict.reason);
    if (verdict.kind === 'anonymous') return null;
    const { name, locale, properties } = dto.person!;
    return this.repository.findOrCreateSigned(workspaceId, verdict.identity, { name, locale, properties });
  }

  /** What the widget shows: the question of the touchpoint's survey in the visitor's language. */
  async survey(workspaceKey: string, touchpointKey: string, locale: string | undefined, origin: string | undefined) {
    const { workspace, touchpoint, survey } = await this.locate(workspaceKey, touchpointKey, origin);
    const texts = surveyTexts({
      metric: survey.metric,
      locale: locale ?? null,
      question: survey.question,
      commentPrompt: survey.commentPrompt,
      companyName: workspace.name,
      touchpointName: touchpoint.name,
    });
    return {
      touchpointKey: touchpoint.key,
      metric: survey.metric,
      scale: SCALES[survey.metric],
      ...texts,
      submitLabel: t(texts.locale, 'page.submit'),
      thanks: t(texts.locale, 'page.thanks'),
      error: t(texts.locale, 'page.error'),
    };
  }

  private async locate(workspaceKey: string, touchpointKey: string, origin: string | undefined) {
    const workspace = await this.repository.workspaceByKey(workspaceKey);
    if (!workspace) throw new UnauthorizedException('Unknown workspace key');
    // No Origin header = not a browser (a mobile app, a server): the key alone decides.
    if (origin !== undefined && !originAllowed(workspace.corsOrigins, origin)) {
      throw new ForbiddenException(`Origin ${origin} is not allowed for this workspace`);
    }
    const touchpoint = await this.repository.touchpoint(workspace.id, touchpointKey);
    const survey = touchpoint?.surveys[0];
    if (!touchpoint || !survey) throw new NotFoundException(`No active survey for touchpoint ${touchpointKey}`);
    return { workspace, touchpoint, survey };
  }
}
