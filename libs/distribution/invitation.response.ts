import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const INVITATION_STATUSES = [
  'scheduled',
  'sending',
  'sent',
  'responded',
  'failed',
  'throttled',
  'suppressed',
  'expired',
  'cancelled',
  'bounced',
] as const;
export type InvitationStatusName = (typeof INVITATION_STATUSES)[number];
const STATUS = { enum: INVITATION_STATUSES, enumName: 'InvitationStatus' } as const;
const NULLABLE_DATE = { type: Date, nullable: true } as const;

/** POST /events: one line per matching survey; never dropped silently. */
export class EventInvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty({ ...STATUS, description: 'scheduled, or throttled / suppressed with a reason' }) status!: string;
  @ApiProperty({ format: 'date-time' }) scheduledFor!: string;
  @ApiPropertyOptional({ description: 'why it was not scheduled' }) reason?: string;
}

export class EventAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: [EventInvitationResponse] }) invitations!: EventInvitationResponse[];
}

/** GET /invitations/:id (invitation.mapper.ts builds it). */
export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) eventId!: string | null;
  @ApiProperty(STATUS) status!: InvitationStatusName;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() scheduledFor!: Date;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty(NULLABLE_DATE) sentAt!: Date | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true, description: 'scrubbed of addresses' }) lastError!: string | null;
  @ApiProperty(NULLABLE_DATE) reminderDueAt!: Date | null;
  @ApiProperty(NULLABLE_DATE) reminderSentAt!: Date | null;
  @ApiProperty(NULLABLE_DATE) respondedAt!: Date | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "SMS only: the provider's last delivery status (queued, sent, delivered, undelivered, failed)",
  })
  smsStatus!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}
