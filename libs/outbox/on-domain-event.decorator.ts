import { SetMetadata } from '@nestjs/common';
import { DomainEventType } from './outbox.types';

export const ON_DOMAIN_EVENT = 'cairn:on-domain-event';

/**
 * Subscribes a service method to domain events. It may run more than once for
 * one event (retries, a redelivered job), so it must be idempotent.
 */
export const OnDomainEvent = (...types: DomainEventType[]): MethodDecorator => SetMetadata(ON_DOMAIN_EVENT, types);

export interface DomainEvent {
  id: string;
  type: DomainEventType;
  workspaceId: string;
  data: Record<string, unknown>;
  createdAt: Date;
}
