import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventDispatcher } from './domain-event-dispatcher.service';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRepository, OutboxRelayService, DomainEventDispatcher],
  exports: [OutboxRepository, OutboxRelayService],
})
export class OutboxModule {}
