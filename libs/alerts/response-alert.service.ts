import { Injectable } from '@nestjs/common';
import { CaseOpenerService } from '@cairn/cases';
import type { AlertRule, Response as ResponseRow } from '@cairn/database';
import { DomainEvent, OnDomainEvent, OutboxRepository, OutboxTransactionRunner, OutboxMessage } from '@cairn/outbox';
import { ResponseRepository } from '@cairn/responses';
import { AlertRuleRepository } from './alert-rule.repository';
import { AlertRepository } from './alert.repository';
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
    private readonly transactions: OutboxTransactionRunner,
    private readonly responses: ResponseRepository,
    private readonly rules: AlertRuleRepository,
    private readonly alerts: AlertRepository,
    private readonly outbox: OutboxRepository,
    private readonly cases: CaseOpenerService,
    private readonly scoreDrops: ScoreDropService,
  ) {}

  @OnDomainEvent('response.created', 'response.updated')
  async onResponse(event: DomainEvent<'response.created' | 'response.updated'>): Promise<void> {
    const response = await this.responses.findById(event.data.responseId);
    if (!response) return;
    // Both kinds in one read: this runs for every answer.
    const rules = await this.rules.enabledInWorkspace(response.workspaceId);
    const hits = rules.filter((rule) => matches(rule, response));
    if (hits.length) await this.raise(response, hits);
    await this.scoreDrops.evaluateFor(response, rules);
  }

  private async raise(response: ResponseRow, rules: AlertRule[]): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const events: OutboxMessage[] = [];
      let firstNew: string | null = null;
      for (const rule of rules) {
        const alertId = await this.alerts.createOnce(tx, {
          workspaceId: response.workspaceId,
          ruleId: rule.id,
          kind: 'response',
          responseId: response.id,
          value: response.score,
          details: {
            metric: response.metric,
            score: response.score,
            scoreAtMost: thresholdFor(rule, response),
            touchpointId: response.touchpointId,
          },
        });
        if (!alertId) continue; // this rule already alerted on this response
        firstNew ??= alertId;
        events.push({
          topic: 'alert.triggered',
          workspaceId: response.workspaceId,
          data: { alertId, ruleId: rule.id, kind: 'response', responseId: response.id },
        });
      }
      if (firstNew) events.push(...(await this.cases.open(tx, { workspaceId: response.workspaceId, alertId: firstNew, response })));
      await this.outbox.add(tx, events);
      return firstNew !== null;
    });
  }
}
