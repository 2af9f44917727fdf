import { Module } from '@nestjs/common';
import { NotificationsModule } from '@cairn/notifications';
import { BounceRepository } from './bounce.repository';
import { BounceService } from './bounce.service';
import { DeliverabilityStatsRepository } from './deliverability-stats.repository';
import { DeliverabilityService } from './deliverability.service';
import { ProviderHookRepository } from './provider-hook.repository';
import { ProviderHooksService } from './provider-hooks.service';
import { ReputationGuardService } from './reputation-guard.service';
import { SendingPauseRepository } from './sending-pause.repository';
import { SendingPausedMailService } from './sending-paused-mail.service';
import { SnsCertificateFetcher } from './sns-certificate.fetcher';

/** Bounces and complaints read back, the reputation guard, providers' event webhooks (API and worker). */
@Module({
  imports: [NotificationsModule],
  providers: [
    BounceRepository,
    BounceService,
    DeliverabilityStatsRepository,
    DeliverabilityService,
    ProviderHookRepository,
    ProviderHooksService,
    ReputationGuardService,
    SendingPauseRepository,
    SendingPausedMailService,
    SnsCertificateFetcher,
  ],
  exports: [BounceService, DeliverabilityService, ProviderHooksService],
})
export class DeliverabilityModule {}
