import { ApiProperty } from '@nestjs/swagger';

export class DeliveryWindowResponse {
  @ApiProperty({ description: 'Survey emails sent (first sends and reminders)' }) sent!: number;
  @ApiProperty({ description: 'Sent minus hard bounces' }) delivered!: number;
  @ApiProperty({ description: 'Hard bounces' }) bounced!: number;
  @ApiProperty() softBounced!: number;
  @ApiProperty() complained!: number;
  @ApiProperty({ description: 'bounced / sent, 0 when nothing was sent' }) bounceRate!: number;
  @ApiProperty({ description: 'complained / sent' }) complaintRate!: number;
}

export class BouncingDomainResponse {
  @ApiProperty() domain!: string;
  @ApiProperty({ description: 'Hard and soft bounces over 7 days' }) bounced!: number;
}

export class SendingPauseResponse {
  @ApiProperty() paused!: boolean;
  @ApiProperty({ type: Date, nullable: true }) pausedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

export class DeliverabilityResponse {
  @ApiProperty({ type: DeliveryWindowResponse }) last24h!: DeliveryWindowResponse;
  @ApiProperty({ type: DeliveryWindowResponse }) last7d!: DeliveryWindowResponse;
  @ApiProperty({ type: [BouncingDomainResponse] }) topBouncingDomains!: BouncingDomainResponse[];
  @ApiProperty({ type: SendingPauseResponse }) sending!: SendingPauseResponse;
  @ApiProperty({ description: 'The pause thresholds in force' }) thresholds!: {
    bounceRate: number;
    complaintRate: number;
    minSent: number;
  };
}

export class ProviderHookCredentialsResponse {
  @ApiProperty({ description: 'Basic-auth user name of /hooks/ses and /hooks/postmark: the workspace id' }) username!: string;
  @ApiProperty({ description: 'Basic-auth password; shown once, stored hashed' }) password!: string;
}
