import { Injectable } from '@nestjs/common';
import { CaseOpenerService } from '@cairn/cases';
import { Clock, uuid7 } from '@cairn/common';
import type { AlertRule } from '@cairn/database';
import { DomainEvent, OnDomainEvent, OutboxRelayService } from '@cairn/outbox';
import { AlertedResponse, CASE_PART_PARAM, ResponseAlertRepository } from './response-alert.repository';
import { matches, thresholdFor } from './rule-matcher';
import { ScoreDropService } from './score-drop.service';

/**
 * Detractor alerts. An alert is unique per (rule, response) and a case per
 * response, so a re-run, an edit up, or an edit back down never alerts or
 * opens a case twice.
 */
@Injectable()
export class ResponseAlertService {
  constructor(
    private readonly raising: ResponseAlertRepository,
    private readonly cases: CaseOpenerService,
    private readonly relay: OutboxRelayService,
    private readonly scoreDrops: ScoreDropService,
    private readonly clock: Clock,
  ) {}

  /**
   * Response rules judge the settled score: a step saved by the answer page (3 on the way to 9) alerts on nothing,
   * and response.settled brings the score it came to rest on. Score drops count every stored score, steps included.
   */
  @OnDomainEvent('response.created', 'response.updated', 'response.settled')
  async onResponse(event: DomainEvent<'response.created' | 'response.updated' | 'response.settled'>): Promise<void> {
    const context = await this.raising.context(event.data.responseId);
    if (!context) return;
    const { response, rules } = context;
    const { score } = response;
    const hits = score === null ? [] : rules.filter((rule) => matches(rule, { ...response, score }));
    if (score !== null && hits.length) await this.raise({ ...response, score }, hits);
    if (event.type !== 'response.settled') await this.scoreDrops.evaluateFor(response, rules);
  }

  /** True when an alert was new (then the response's case was opened, unless it already had one). */
  private async raise(response: AlertedResponse & { score: number }, rules: AlertRule[]): Promise<boolean> {
    const alerts = rules.map((rule) => ({
      id: uuid7(),
      ruleId: rule.id,
      eventId: uuid7(),
      details: {
        metric: response.metric,
        score: response.score,
        scoreAtMost: thresholdFor(rule, response),
        touchpointId: response.touchpointId,
      },
    }));
    const casePart = this.cases.part({ workspaceId: response.workspaceId, response, at: this.clock.now() }, CASE_PART_PARAM);
    const raised = await this.raising.raise(response, alerts, casePart);
    if (raised.messages) this.relay.flushSoon();
    return raised.alerts > 0;
  }
}
