import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuthContext } from '@cairn/auth';
import { Clock, uuid7 } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { chatBody, isChatFormat } from './chat-formats';
import { AllowList, checkWebhookUrl, parseAllowList } from './ssrf-guard';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { CreateWebhookDto, ListDeliveriesQuery, UpdateWebhookDto } from './webhook.dto';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { deliveryJob, deliveryJobMessage } from './webhook-jobs';
import { toDeliveryDto, toWebhookDto } from './webhook.mapper';
import { generateWebhookSecret } from './webhook-sender';
import { sealSigningKey } from './webhook-signing-key';

/** The event type of POST /webhooks/:id/test (no endpoint subscribes to it: it goes only where it is asked for). */
export const TEST_EVENT = 'webhook.test';

@Injectable()
export class WebhookService {
  private readonly allow: AllowList;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly transactions: OutboxTransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {
    this.allow = parseAllowList(config.webhookAllowPrivate ?? undefined);
  }

  /** The only answer that carries the secret. */
  async create(workspaceId: string, dto: CreateWebhookDto) {
    await this.assertUrlAllowed(dto.url);
    const row = await this.endpoints.create({
      workspaceId,
      ...dto,
      delightedSigningKey: sealSigningKey(this.config.secretsKey, dto.delightedSigningKey),
      secret: generateWebhookSecret(),
    });
    return { ...toWebhookDto(row), secret: row.secret };
  }

  async list(workspaceId: string) {
    return { data: (await this.endpoints.list(workspaceId)).map(toWebhookDto) };
  }

  async get(workspaceId: string, id: string) {
    return toWebhookDto(await this.find(workspaceId, id));
  }

  async update(auth: AuthContext, id: string, dto: UpdateWebhookDto) {
    const before = await this.find(auth.workspaceId, id);
    if (dto.url !== undefined) await this.assertUrlAllowed(dto.url);
    const changes = { ...dto, delightedSigningKey: sealSigningKey(this.config.secretsKey, dto.delightedSigningKey) };
    const row = await this.endpoints.update(id, changes, dto.enabled === false ? `disabled by ${auth.actorName}` : null);
    if (dto.enabled === true && !before.enabled) await this.resumePending(auth.workspaceId, id);
    return toWebhookDto(row);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    if (!(await this.endpoints.delete(workspaceId, id))) throw new NotFoundException('Webhook not found');
  }

  async listDeliveries(workspaceId: string, id: string, query: ListDeliveriesQuery) {
    await this.find(workspaceId, id);
    const limit = query.limit ?? 50;
    const rows = await this.deliveries.list(id, { status: query.status, cursor: query.cursor, limit });
    const page = rows.slice(0, limit);
    return { data: page.map(toDeliveryDto), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
  }

  /**
   * One more attempt right away, whatever happened before; webhook-id stays the delivery id.
   * The job goes through the outbox with the reopening, so the answer never waits on Redis:
   * while Redis is down the relay queues it once Redis is back.
   */
  async retry(workspaceId: string, id: string, deliveryId: string) {
    const endpoint = await this.find(workspaceId, id);
    if (!endpoint.enabled) throw new ConflictException('Webhook is disabled; enable it first (PATCH { "enabled": true })');
    if (!(await this.deliveries.find(id, deliveryId))) throw new NotFoundException('Delivery not found');
    const row = await this.transactions.run(async (tx) => {
      const reopened = await this.deliveries.reopen(deliveryId, tx);
      const job = deliveryJob(reopened.id, reopened.attempts + 1, 0, `m${randomBytes(4).toString('hex')}`);
      await this.outbox.add(tx, [deliveryJobMessage(workspaceId, job)]);
      return reopened;
    });
    return toDeliveryDto(row);
  }

  /**
   * A `webhook.test` event to this endpoint alone, whatever it subscribes to: signed, sent and logged like any
   * delivery (through the outbox, as retry), so an admin setting up a receiver sees its answer in the log.
   */
  async sendTest(workspaceId: string, id: string) {
    const endpoint = await this.find(workspaceId, id);
    if (!endpoint.enabled) throw new ConflictException('Webhook is disabled; enable it first (PATCH { "enabled": true })');
    const event = { id: uuid7(), type: TEST_EVENT };
    const standard = JSON.stringify({
      type: event.type,
      id: event.id,
      createdAt: this.clock.now().toISOString(),
      data: { webhook: { id: endpoint.id, url: endpoint.url }, message: 'A test event from Cairn: this endpoint is reached.' },
    });
    // A chat channel gets the test as a message it can show (Slack refuses a body without text or blocks).
    const body = isChatFormat(endpoint.format)
      ? chatBody(endpoint.format, standard, { publicBaseUrl: this.config.publicBaseUrl })
      : standard;
    const row = await this.transactions.run(async (tx) => {
      const created = await this.deliveries.createTest(tx, endpoint.id, event, body);
      await this.outbox.add(tx, [deliveryJobMessage(workspaceId, deliveryJob(created.id, 1))]);
      return created;
    });
    return toDeliveryDto(row);
  }

  /** The receiver is back: what waited for it goes now, not at its next backoff step (through the outbox, as retry). */
  private async resumePending(workspaceId: string, endpointId: string): Promise<void> {
    const tag = `e${randomBytes(4).toString('hex')}`;
    await this.transactions.run(async (tx) => {
      const pending = await this.deliveries.makePendingDue(endpointId, tx);
      await this.outbox.add(
        tx,
        pending.map((d) => deliveryJobMessage(workspaceId, deliveryJob(d.id, d.attempts + 1, 0, tag))),
      );
    });
  }

  private async find(workspaceId: string, id: string) {
    const row = await this.endpoints.find(workspaceId, id);
    if (!row) throw new NotFoundException('Webhook not found');
    return row;
  }

  private async assertUrlAllowed(url: string): Promise<void> {
    const verdict = await checkWebhookUrl(url, this.allow);
    if (!verdict.ok) throw new BadRequestException(`url refused: ${verdict.reason}`);
  }
}
