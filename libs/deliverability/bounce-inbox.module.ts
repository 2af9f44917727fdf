import { Module } from '@nestjs/common';
import { BounceListenerService } from './bounce-listener.service';
import { DeliverabilityModule } from './deliverability.module';

/** The inbound SMTP listener for delivery reports (BOUNCE_SMTP_PORT): the worker imports it, the API does not. */
@Module({ imports: [DeliverabilityModule], providers: [BounceListenerService], exports: [BounceListenerService] })
export class BounceInboxModule {}
