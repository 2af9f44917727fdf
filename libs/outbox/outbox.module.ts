import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventDispatcher } from './domain-event-dispatcher.service';
import { OutboxRelayRepository } from './outbox-relay.repository';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxTransactionRunner } from './outbox-transaction.runner';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRepository, OutboxRelayRepository, OutboxRelayService, OutboxTransactionRunner, DomainEventDispatcher],
  exports: [OutboxRepository, OutboxRelayService, OutboxTransactionRunner],
})
export class OutboxModule {}
