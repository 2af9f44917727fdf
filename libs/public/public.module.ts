import { Module } from '@nestjs/common';
import { PeopleModule } from '@cairn/people';
import { InvitationsModule } from '@cairn/invitations';
import { RateLimitModule } from '@cairn/rate-limit';
import { ResponsesModule } from '@cairn/responses';
import { AnswerLimitsPolicy } from './answer-limits.policy';
import { AnswerLimitsService } from './answer-limits.service';
import { AnswerService } from './answer.service';
import { EmailLinkRepository } from './email-link.repository';
import { IdentitySecretRepository } from './identity-secret.repository';
import { IdentitySecretService } from './identity-secret.service';
import { PublicAnswerRepository } from './public-answer.repository';
import { PublicResponseService } from './public-response.service';
import { TouchpointLinkService } from './touchpoint-link.service';
import { TouchpointPageRepository } from './touchpoint-page.repository';
import { TouchpointPageService } from './touchpoint-page.service';
import { UnsubscribePageService } from './unsubscribe-page.service';
import { WidgetSettingsRepository } from './widget-settings.repository';
import { WidgetSettingsService } from './widget-settings.service';

/** Everything a customer reaches without an account: answer pages, unsubscribe, the widget's API. */
@Module({
  imports: [ResponsesModule, RateLimitModule, PeopleModule, InvitationsModule],
  providers: [
    EmailLinkRepository,
    AnswerService,
    UnsubscribePageService,
    PublicAnswerRepository,
    PublicResponseService,
    IdentitySecretRepository,
    IdentitySecretService,
    WidgetSettingsRepository,
    WidgetSettingsService,
    TouchpointPageRepository,
    AnswerLimitsPolicy,
    AnswerLimitsService,
    TouchpointPageService,
    TouchpointLinkService,
  ],
  exports: [
    AnswerService,
    UnsubscribePageService,
    PublicResponseService,
    IdentitySecretService,
    WidgetSettingsService,
    TouchpointPageService,
    TouchpointLinkService,
    AnswerLimitsPolicy,
    RateLimitModule,
  ],
})
export class PublicModule {}
