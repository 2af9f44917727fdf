// Public surface of libs/outbox: other libs, the apps, scripts and tests import it as @cairn/outbox.
export * from './domain-event-dispatcher.service';
export * from './on-domain-event.decorator';
export * from './outbox-relay.repository';
export * from './outbox-relay.service';
export * from './outbox-rows';
export * from './outbox-transaction.runner';
export * from './outbox.module';
export * from './outbox.repository';
export * from './outbox.types';
