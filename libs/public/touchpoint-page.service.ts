import { BadRequestException, HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { resolveLocale, t } from '@cairn/i18n';
import { AnswerInput, ResponseRecorderService } from '@cairn/responses';
import { isValidScore, SCALES } from '@cairn/scoring';
import { AnswerLimitsService } from './answer-limits.service';
import { PageSource } from './answer-limits.policy';
import { surveyTexts } from './survey-texts';
import { TouchpointPageRepository } from './touchpoint-page.repository';
import { RenderedPage } from './views/page-layout';
import { touchpointPage } from './views/touchpoint-page.view';

export interface PageRequest {
  key: string;
  /** The workspace slug (`w`), which printed codes always carry. */
  workspace: string | null;
  kiosk: boolean;
  locale: string;
  /** Kiosk: seconds before the page resets (1–60, default 5). */
  resetSeconds?: number;
}

/** An answer refused over a limit: 429, with the limit that refused it (the answer was counted as blocked). */
export class AnswerLimitReached extends HttpException {
  constructor(
    readonly reason: string,
    readonly waitSeconds: number,
    locale: string,
  ) {
    super(
      { statusCode: 429, error: 'Too Many Requests', message: t(locale, 'page.tooMany'), outcome: 'blocked', reason },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** A touchpoint's public answer page: anyone with the QR code or at the kiosk answers, with no person attached. */
@Injectable()
export class TouchpointPageService {
  constructor(
    private readonly pages: TouchpointPageRepository,
    private readonly recorder: ResponseRecorderService,
    private readonly limits: AnswerLimitsService,
  ) {}

  /** The page; a GET never records anything. */
  async page(req: PageRequest, action: string): Promise<RenderedPage> {
    const { touchpoint, survey } = await this.locate(req);
    const texts = surveyTexts({
      metric: survey.metric,
      locale: req.locale,
      question: survey.question,
      commentPrompt: survey.commentPrompt,
      companyName: touchpoint.workspace.name,
      touchpointName: touchpoint.name,
    });
    const l = texts.locale;
    return touchpointPage({
      ...texts,
      action,
      kiosk: req.kiosk,
      resetSeconds: req.resetSeconds ?? 5,
      texts: {
        submit: t(l, 'page.submit'),
        thanks: t(l, 'page.thanks'),
        error: t(l, 'page.error'),
        chooseScore: t(l, 'page.chooseScore'),
        tooMany: t(l, 'page.tooMany'),
      },
    });
  }

  /** Records an anonymous answer with source qr or kiosk, once the device, address and touchpoint limits allow it. */
  async submit(req: PageRequest, input: AnswerInput, client: { deviceId: string | null; ip: string }) {
    const { touchpoint, survey } = await this.locate(req);
    const source: PageSource = req.kiosk ? 'kiosk' : 'qr';
    const target = {
      workspaceId: touchpoint.workspaceId,
      surveyId: survey.id,
      personId: null,
      touchpointId: touchpoint.id,
      stageId: touchpoint.stageId,
      journeyId: touchpoint.journeyId,
      metric: survey.metric,
      locale: resolveLocale(req.locale),
      source,
      personProperties: {},
    };
    // The score's range first: a malformed answer is a 400 and counts against nothing.
    if (!isValidScore(target.metric, input.score)) {
      const { min, max } = SCALES[target.metric];
      throw new BadRequestException(`score must be an integer from ${min} to ${max} for ${target.metric.toUpperCase()}`);
    }
    const verdict = await this.limits.check({ workspaceId: touchpoint.workspaceId, touchpointId: touchpoint.id, source, ...client });
    if (!verdict.allowed) throw new AnswerLimitReached(verdict.reason, verdict.waitSeconds, target.locale);
    // No settle: false here: the page sends the whole answer at once.
    const response = await this.recorder.answerDirect(target, { score: input.score, comment: input.comment });
    return { response, locale: target.locale };
  }

  private async locate(req: PageRequest) {
    const touchpoint = await this.pages.byKey(req.key, req.workspace);
    const survey = touchpoint?.surveys[0];
    if (!touchpoint || !survey) throw new NotFoundException('No active survey for this touchpoint');
    return { touchpoint, survey };
  }
}
