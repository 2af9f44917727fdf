import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JobData, JobIds, JobName, JobRepository, OnJob } from '@cairn/jobs';
import { DomainEvent, ON_DOMAIN_EVENT } from './on-domain-event.decorator';
import { OutboxRepository, OutboxRow } from './outbox.repository';
import { DomainEventType } from './outbox.types';

type Subscriber = (event: DomainEvent) => Promise<unknown>;

/** Events of one batch run at once, at most this many (the batch job holds one slot of the events queue). */
const BATCH_CONCURRENCY = 10;

/** Runs every @OnDomainEvent subscriber of an outbox event; a failing one makes the job retry. */
@Injectable()
export class DomainEventDispatcher implements OnModuleInit {
  private readonly logger = new Logger(DomainEventDispatcher.name);
  private readonly subscribers = new Map<DomainEventType, Subscriber[]>();

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobRepository,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const types = this.reflector.get<DomainEventType[] | undefined>(ON_DOMAIN_EVENT, prototype[method]);
        for (const type of types ?? []) {
          const list = this.subscribers.get(type) ?? [];
          list.push((event) => (instance[method] as Subscriber).call(instance, event));
          this.subscribers.set(type, list);
        }
      }
    }
  }

  @OnJob(JobName.DispatchEvent)
  async dispatch({ outboxEventId }: JobData<JobName.DispatchEvent>): Promise<void> {
    const row = await this.outbox.find(outboxEventId);
    if (row) await this.run(row);
  }

  /**
   * A relay batch's events. One that fails is handed to a dispatch-event job of its own (BullMQ's retries, its
   * own entry in the jobs API) and the others are done: a bad event never holds up or repeats its neighbours.
   * Should that hand-over fail, the whole batch runs again; subscribers are idempotent.
   */
  @OnJob(JobName.DispatchEvents)
  async dispatchMany({ outboxEventIds }: JobData<JobName.DispatchEvents>): Promise<void> {
    const rows = await this.outbox.findMany(outboxEventIds);
    const failed: string[] = [];
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        await this.run(row).catch((error: Error) => {
          this.logger.warn(`domain event ${row.id} (${row.topic}) failed in its batch, retried on its own: ${error.message}`);
          failed.push(row.id);
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, rows.length) }, lane));
    if (failed.length) {
      await this.jobs.queueAll(
        failed.map((id) => ({
          item: { name: JobName.DispatchEvent, data: { outboxEventId: id } },
          opts: { jobId: JobIds.dispatchEvent(id) },
        })),
      );
    }
  }

  private async run(row: Pick<OutboxRow, 'id' | 'workspaceId' | 'topic' | 'payload' | 'createdAt'>): Promise<void> {
    if (!row.workspaceId) return;
    // Rows were written through OutboxMessage, so topic and payload agree with DomainEventMap.
    const event = { id: row.id, type: row.topic, workspaceId: row.workspaceId, data: row.payload, createdAt: row.createdAt } as DomainEvent;
    for (const subscriber of this.subscribers.get(event.type) ?? []) await subscriber(event);
  }
}
