import { Injectable } from '@nestjs/common';
import { TransactionRunner, Tx } from '@cairn/database';
import { DelightedSurveyRepository } from './delighted-survey.repository';
import { DelightedTrendRepository } from './delighted-trend.repository';

export const DELIGHTED_TOUCHPOINT_KEY = 'delighted';
export const DELIGHTED_TRIGGER = 'delighted.person.created';
export const DELIGHTED_SMS_TRIGGER = 'delighted.person.created.sms';
const NAME = 'Delighted';

/**
 * The survey that Delighted's API feeds: the workspace's delightedSurveyId,
 * or else an NPS survey on a touchpoint `delighted` (journey and stage
 * "Delighted"), created on first use and remembered on the workspace.
 */
@Injectable()
export class DelightedSurveyService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repo: DelightedSurveyRepository,
    private readonly trends: DelightedTrendRepository,
  ) {}

  async resolve(workspaceId: string) {
    const existing = await this.repo.configured(workspaceId);
    if (existing) return existing;
    return this.transactions.run(async (tx) => {
      await this.repo.lockSetup(tx, workspaceId);
      const again = await this.repo.configured(workspaceId, tx);
      if (again) return again;
      const touchpoint = await this.touchpoint(tx, workspaceId);
      const survey =
        (await this.repo.findSurvey(tx, touchpoint.id, DELIGHTED_TRIGGER)) ??
        (await this.repo.createSurvey(tx, {
          workspaceId,
          touchpointId: touchpoint.id,
          metric: 'nps',
          triggerEvent: DELIGHTED_TRIGGER,
          delaySeconds: 0,
        }));
      await this.repo.remember(tx, workspaceId, survey.id);
      return survey;
    });
  }

  /**
   * The SMS companion of the Delighted survey (`channel: "sms"` on POST /people.json): an SMS-channel survey on the
   * same touchpoint and metric, with its own trigger, created on first use; answers by text count on the touchpoint.
   */
  async resolveSms(workspaceId: string) {
    const survey = await this.resolve(workspaceId);
    const found = await this.transactions.run((tx) => this.repo.findSurvey(tx, survey.touchpointId, DELIGHTED_SMS_TRIGGER));
    if (found) return found;
    return this.transactions.run(async (tx) => {
      await this.repo.lockSetup(tx, workspaceId);
      return (
        (await this.repo.findSurvey(tx, survey.touchpointId, DELIGHTED_SMS_TRIGGER)) ??
        this.repo.createSurvey(tx, {
          workspaceId,
          touchpointId: survey.touchpointId,
          metric: survey.metric,
          triggerEvent: DELIGHTED_SMS_TRIGGER,
          delaySeconds: 0,
          channel: 'sms',
        })
      );
    });
  }

  /**
   * The touchpoint Delighted's API reads: a `trend` — a Delighted trend id an import mapped, or a touchpoint's id
   * or key — or the Delighted survey's.
   */
  async scope(workspaceId: string, trend: string | undefined) {
    if (!trend) return (await this.resolve(workspaceId)).touchpoint;
    return (await this.trends.touchpointOf(workspaceId, trend)) ?? this.repo.findTouchpointByIdOrKey(workspaceId, trend);
  }

  private async touchpoint(tx: Tx, workspaceId: string) {
    const found = await this.repo.findTouchpoint(tx, workspaceId, DELIGHTED_TOUCHPOINT_KEY);
    if (found) return found;
    const journey =
      (await this.repo.findJourney(tx, workspaceId, NAME)) ??
      (await this.repo.createJourney(tx, workspaceId, NAME, 'Created for the Delighted-compatible API'));
    const stage = journey.stages[0] ?? (await this.repo.createStage(tx, { workspaceId, journeyId: journey.id, name: NAME, position: 0 }));
    return this.repo.createTouchpoint(tx, {
      workspaceId,
      journeyId: journey.id,
      stageId: stage.id,
      name: NAME,
      key: DELIGHTED_TOUCHPOINT_KEY,
      channel: 'email',
    });
  }
}
