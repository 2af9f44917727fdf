import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { CairnWebhookBody, toDelightedWebhook } from '@cairn/delighted';
import { CommentAnalysisService } from '@cairn/insights';
import { DomainEvent } from '@cairn/outbox';
import { ResponseSnapshot, ResponseSnapshotRepository } from '@cairn/responses';
import { chatBody, ChatFormat } from './chat-formats';
import { WebhookPayloadRepository } from './webhook-payload.repository';

/**
 * The body of every delivery of one event, built once when the deliveries
 * are created and stored as the exact bytes: retries send the same thing.
 */
@Injectable()
export class WebhookPayloadBuilder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rows: WebhookPayloadRepository,
    private readonly responses: ResponseSnapshotRepository,
    private readonly analysis: CommentAnalysisService,
  ) {}

  async body(event: DomainEvent): Promise<string> {
    const data = await this.data(event);
    return JSON.stringify({ type: event.type, id: event.id, createdAt: event.createdAt.toISOString(), data });
  }

  /**
   * The same event as Delighted's body, for `format: "delighted"` endpoints;
   * null for events Delighted had no webhook for. Delighted's person carries
   * created_at, which the standard body does not, so the person is read here.
   */
  async delighted(event: DomainEvent, standardBody: string): Promise<string | null> {
    const body = JSON.parse(standardBody) as CairnWebhookBody;
    const options = { publicBaseUrl: this.config.publicBaseUrl };
    if (!toDelightedWebhook(body, options)) return null;
    const inBody = body.data.person as { id: string } | null | undefined;
    const personId = event.type === 'person.unsubscribed' ? event.data.personId : inBody?.id;
    const person = typeof personId === 'string' ? await this.rows.person(personId) : null;
    if (inBody && person) body.data.person = { ...inBody, compatId: person.compatId, createdAt: person.createdAt };
    const responseId = 'responseId' in event.data && typeof event.data.responseId === 'string' ? event.data.responseId : null;
    const response = responseId ? await this.rows.delightedResponse(responseId) : null;
    return JSON.stringify(toDelightedWebhook(body, { ...options, person, response }));
  }

  /**
   * The same event as a Slack or Teams message, for `format: "slack" | "teams"` endpoints. Its link leads to the
   * answer's case when one is open: an alert and its case commit together, so an alert's message always has it.
   */
  async chat(format: ChatFormat, standardBody: string): Promise<string> {
    const { data } = JSON.parse(standardBody) as { data: { case?: { id?: string } | null; response?: { id?: string } } };
    const caseId = data.case?.id ?? (data.response?.id ? await this.rows.caseIdOfResponse(data.response.id) : null);
    return chatBody(format, standardBody, { publicBaseUrl: this.config.publicBaseUrl, caseId });
  }

  private async data(event: DomainEvent): Promise<unknown> {
    const { responseId, alertId, caseId } = event.data as Record<string, string | undefined>;
    if (event.type.startsWith('response.') && responseId) {
      return (await this.snapshot(responseId)) ?? { response: { id: responseId } };
    }
    if (event.type === 'alert.triggered' && alertId) return this.alert(alertId);
    if (event.type.startsWith('case.') && caseId) return this.case(caseId, event.data);
    return event.data;
  }

  /**
   * The answer as receivers get it, with its comment's sentiment and themes. The analysis subscriber runs beside
   * this one and may not have written yet: then the comment is analysed here first (a few ms; the subscriber joins
   * that analysis rather than repeating it), so a detractor webhook never goes out without what the customer's
   * words say. Only the analysis is read again, not the whole snapshot (its joins of person, touchpoint, stage,
   * journey and survey).
   */
  private async snapshot(responseId: string): Promise<ResponseSnapshot | null> {
    const snapshot = await this.responses.load(responseId);
    if (!snapshot?.response.comment?.trim() || snapshot.response.analysis) return snapshot;
    await this.analysis.analyseNow(responseId, snapshot.response.comment);
    snapshot.response.analysis = await this.responses.analysis(responseId);
    return snapshot;
  }

  private async alert(alertId: string) {
    const alert = await this.rows.alertWithRule(alertId);
    if (!alert) return { alert: { id: alertId } };
    const snapshot = alert.responseId ? await this.snapshot(alert.responseId) : null;
    return {
      alert: {
        id: alert.id,
        kind: alert.kind,
        ruleId: alert.ruleId,
        ruleName: alert.rule.name,
        value: alert.value,
        details: alert.details,
        responseId: alert.responseId,
        createdAt: alert.createdAt,
      },
      ...(snapshot ?? {}),
    };
  }

  private async case(caseId: string, change: Record<string, unknown>) {
    const row = await this.rows.case(caseId);
    const snapshot = row?.responseId ? await this.snapshot(row.responseId) : null;
    return {
      case: row && {
        id: row.id,
        status: row.status,
        assignee: row.assignee,
        dueAt: row.dueAt,
        resolvedAt: row.resolvedAt,
        alertId: row.alertId,
        responseId: row.responseId,
        personId: row.personId,
        touchpointId: row.touchpointId,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      },
      change,
      ...(snapshot ?? {}),
    };
  }
}
