import { Injectable } from '@nestjs/common';
import { JobRepository } from '@cairn/jobs';
import { DomainEvent, OnDomainEvent, DOMAIN_EVENTS } from '@cairn/outbox';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { deliveryJob } from './webhook-jobs';
import { WebhookPayloadBuilder } from './webhook-payload.builder';

/**
 * Turns each domain event into one delivery per subscribed endpoint, each
 * with its own job: a slow or dead receiver only ever holds up its own.
 */
@Injectable()
export class WebhookFanoutService {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly payloads: WebhookPayloadBuilder,
    private readonly jobs: JobRepository,
  ) {}

  @OnDomainEvent(...DOMAIN_EVENTS)
  async fanOut(event: DomainEvent): Promise<void> {
    const subscribed = await this.endpoints.subscribed(event.workspaceId, event.type);
    if (!subscribed.length) return;
    const body = await this.payloads.body(event);
    // Kept beside the body so erasure and retention can find every stored copy of a response.
    const responseId = responseIdIn(body);
    const ids = (format: string) => subscribed.filter((e) => e.format === format).map((e) => e.id);
    const standard = ids('standard');
    const delighted = ids('delighted');
    const pending = standard.length ? await this.deliveries.createForEvent(standard, event, body, responseId) : [];
    // Events Delighted had no webhook for are not sent to its receivers at all.
    const mapped = delighted.length ? await this.payloads.delighted(event, body) : null;
    if (mapped) pending.push(...(await this.deliveries.createForEvent(delighted, event, mapped, responseId)));
    // On a re-run this queues the same job ids again, which BullMQ ignores.
    await this.jobs.queueAll(pending.map((d) => deliveryJob(d.id, d.attempts + 1)));
  }
}

/** The response a body describes: response events, and alerts and cases raised on a response. */
function responseIdIn(body: string): string | null {
  const id = (JSON.parse(body) as { data?: { response?: { id?: unknown } } }).data?.response?.id;
  return typeof id === 'string' ? id : null;
}
