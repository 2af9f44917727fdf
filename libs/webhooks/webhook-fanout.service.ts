import { Injectable } from '@nestjs/common';
import { AdaptiveBatcher } from '@cairn/common';
import { JobRepository } from '@cairn/jobs';
import { DomainEvent, OnDomainEvent, DOMAIN_EVENTS } from '@cairn/outbox';
import { DeliveriesToCreate, WebhookDeliveryRepository } from './webhook-delivery.repository';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { deliveryJob } from './webhook-jobs';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { CHAT_FORMATS } from './chat-formats';
import { WebhookPayloadBuilder } from './webhook-payload.builder';

/**
 * Turns each domain event into one delivery per subscribed endpoint, each
 * attempted on its own (first at once, then as jobs): a slow or dead
 * receiver only ever holds up its own.
 * Events of a dispatch batch run at once: their subscriber look-ups go out
 * together (WebhookEndpointRepository), and so do the deliveries of those
 * that have subscribers (one statement, one hand-over to the queue). An
 * event nobody subscribed to ends after its look-up, never waiting behind
 * others' bodies. A failed write retries each event alone, so one bad event
 * fails only itself.
 */
@Injectable()
export class WebhookFanoutService {
  private readonly writes = new AdaptiveBatcher<DeliveriesToCreate[], void>(
    async (events) => {
      await this.write(events.flat());
      return events.map(() => undefined);
    },
    { maxInFlight: 2, maxBatch: 100, gatherTurn: true, runOne: (deliveries) => this.write(deliveries) },
  );

  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly payloads: WebhookPayloadBuilder,
    private readonly jobs: JobRepository,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  @OnDomainEvent(...DOMAIN_EVENTS)
  async fanOut(event: DomainEvent): Promise<void> {
    const wanted = await this.deliveriesOf(event);
    if (wanted.length) await this.writes.submit(wanted);
  }

  private async write(wanted: DeliveriesToCreate[]): Promise<void> {
    const pending = await this.deliveries.createForEvents(wanted);
    // Never attempted: the first attempt starts here. The rest (a re-run's deliveries already under way, and those
    // startNow had no room for) are queued; on a re-run that queues the same job ids again, which BullMQ ignores.
    const noRoom = new Set(this.delivery.startNow(pending.filter((d) => d.attempts === 0).map((d) => d.id)));
    const queued = pending.filter((d) => d.attempts > 0 || noRoom.has(d.id));
    if (queued.length) await this.jobs.queueAll(queued.map((d) => deliveryJob(d.id, d.attempts + 1)));
  }

  /** The deliveries one event calls for: per format, the subscribed endpoints and the body they get. */
  private async deliveriesOf(event: DomainEvent): Promise<DeliveriesToCreate[]> {
    const subscribed = await this.endpoints.subscribed(event.workspaceId, event.type);
    if (!subscribed.length) return [];
    const body = await this.payloads.body(event);
    // Kept beside the body so erasure and retention can find every stored copy of a response.
    const responseId = responseIdIn(body);
    const ids = (format: string) => subscribed.filter((e) => e.format === format).map((e) => e.id);
    const out: DeliveriesToCreate[] = [{ endpointIds: ids('standard'), event, body, responseId }];
    // Events Delighted had no webhook for are not sent to its receivers at all.
    const delighted = ids('delighted');
    const mapped = delighted.length ? await this.payloads.delighted(event, body) : null;
    if (mapped) out.push({ endpointIds: delighted, event, body: mapped, responseId });
    for (const format of CHAT_FORMATS) {
      const endpointIds = ids(format);
      if (endpointIds.length) out.push({ endpointIds, event, body: await this.payloads.chat(format, body), responseId });
    }
    return out;
  }
}

/** The response a body describes: response events, and alerts and cases raised on a response. */
function responseIdIn(body: string): string | null {
  const id = (JSON.parse(body) as { data?: { response?: { id?: unknown } } }).data?.response?.id;
  return typeof id === 'string' ? id : null;
}
