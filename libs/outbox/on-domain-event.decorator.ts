import { SetMetadata } from '@nestjs/common';
import { DomainEventMap, DomainEventType } from './outbox.types';

export const ON_DOMAIN_EVENT = 'cairn:on-domain-event';

/** An event as a subscriber receives it: its type picks its payload (see DomainEventMap). */
export type DomainEvent<K extends DomainEventType = DomainEventType> = {
  [T in K]: { id: string; type: T; workspaceId: string; data: DomainEventMap[T]; createdAt: Date };
}[K];

type Subscriber<K extends DomainEventType> = (event: DomainEvent<K>) => Promise<unknown>;

/**
 * Subscribes a service method to domain events. It may run more than once for
 * one event (retries, a redelivered job), so it must be idempotent. The method
 * must accept every listed type's payload: the compiler checks it.
 */
export const OnDomainEvent =
  <K extends DomainEventType>(...types: K[]) =>
  <M extends Subscriber<K>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    SetMetadata(ON_DOMAIN_EVENT, types)(target, key, descriptor);
  };
