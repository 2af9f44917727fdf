import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JobData, JobName, OnJob } from '@cairn/jobs';
import { DomainEvent, ON_DOMAIN_EVENT } from './on-domain-event.decorator';
import { OutboxRepository } from './outbox.repository';
import { DomainEventType } from './outbox.types';

type Subscriber = (event: DomainEvent) => Promise<unknown>;

/** Runs every @OnDomainEvent subscriber of an outbox event; a failing one makes the job retry. */
@Injectable()
export class DomainEventDispatcher implements OnModuleInit {
  private readonly subscribers = new Map<DomainEventType, Subscriber[]>();

  constructor(
    private readonly outbox: OutboxRepository,
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
    if (!row || !row.workspaceId) return;
    // Rows were written through OutboxMessage, so topic and payload agree with DomainEventMap.
    const event = { id: row.id, type: row.topic, workspaceId: row.workspaceId, data: row.payload, createdAt: row.createdAt } as DomainEvent;
    for (const subscriber of this.subscribers.get(event.type) ?? []) await subscriber(event);
  }
}
