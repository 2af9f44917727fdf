import { Injectable, NotFoundException } from '@nestjs/common';
import { toAnalysisDto } from '@cairn/responses';
import { buildCaseTimeline, webhookHost } from './case-history.mapper';
import { CaseHistoryRepository } from './case-history.repository';
import { toCaseDto } from './case.mapper';
import { CaseRepository } from './case.repository';

// A case's answer is one answer: a few events, a few endpoints. The cap only bounds a pathological retry storm.
const MAX_WEBHOOKS = 200;

/** GET /cases/:id/history: everything the case page shows, in one answer. */
@Injectable()
export class CaseHistoryService {
  constructor(
    private readonly history: CaseHistoryRepository,
    private readonly cases: CaseRepository,
  ) {}

  async get(workspaceId: string, id: string, now = new Date()) {
    const row = await this.history.findCase(workspaceId, id);
    if (!row) throw new NotFoundException('Case not found');
    const response = row.response;
    // An answer to a relationship survey has no touchpoint: the page names its journey instead.
    const relationship = response !== null && response.touchpointId === null;
    const [touchpoint, journey, alerts, webhooks, settings] = await Promise.all([
      row.touchpointId ? this.history.touchpoint(workspaceId, row.touchpointId) : null,
      relationship ? this.history.journey(workspaceId, response.journeyId) : null,
      response ? this.history.alerts(workspaceId, response.id) : [],
      response ? this.history.webhookDeliveries(workspaceId, response.id, MAX_WEBHOOKS) : [],
      this.cases.settings(workspaceId),
    ]);
    const event = response?.invitation?.event ?? null;
    const dto = toCaseDto(row, now);
    return {
      case: dto,
      answer: response && {
        id: response.id,
        metric: response.metric,
        score: response.score,
        scale: { min: response.scaleMin, max: response.scaleMax },
        comment: response.comment,
        analysis: toAnalysisDto(response.analysis),
        locale: response.locale,
        source: response.source,
        createdAt: response.createdAt,
        updatedAt: response.updatedAt,
        editableUntil: response.editableUntil,
        anonymised: response.anonymisedAt !== null,
      },
      person: row.person && {
        id: row.person.id,
        email: row.person.email,
        name: row.person.name,
        externalId: row.person.externalId,
        locale: row.person.locale,
        properties: row.person.properties as Record<string, unknown>,
        erased: row.person.erasedAt !== null,
      },
      // The event that asked this customer (API-sent surveys); widget answers have none.
      event: event && {
        id: event.id,
        type: event.type,
        properties: event.properties as Record<string, unknown>,
        occurredAt: event.occurredAt,
      },
      touchpoint,
      relationship: journey && { journey },
      sla: {
        hours: settings.caseSlaHours,
        dueAt: row.dueAt,
        overdue: dto.overdue,
        resolvedAt: row.resolvedAt,
        metSla: row.resolvedAt && row.dueAt ? row.resolvedAt <= row.dueAt : null,
        autoResolve: settings.caseAutoResolve,
      },
      alerts: alerts.map((a) => ({ id: a.id, ruleId: a.rule.id, ruleName: a.rule.name, value: a.value, createdAt: a.createdAt })),
      webhooks: webhooks.map((w) => ({
        id: w.id,
        eventType: w.eventType,
        endpointId: w.endpoint.id,
        host: webhookHost(w.endpoint.url),
        status: w.status,
        attempts: w.attempts,
        lastStatus: w.lastStatus,
        deliveredAt: w.deliveredAt,
        createdAt: w.createdAt,
      })),
      timeline: buildCaseTimeline({
        event,
        invitedAt: response?.invitation?.sentAt ?? null,
        answer: response,
        alerts,
        opened: row,
        webhooks,
        notes: row.notes,
        resolvedAt: row.resolvedAt,
      }),
    };
  }
}
