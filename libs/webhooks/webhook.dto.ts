import { CursorPageQuery } from '@cairn/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { DOMAIN_EVENTS, DomainEventType } from '@cairn/outbox';

export const WEBHOOK_FORMATS = ['standard', 'delighted', 'slack', 'teams'] as const;
export type WebhookFormatName = (typeof WEBHOOK_FORMATS)[number];

const FORMAT_DESCRIPTION =
  "delighted = Delighted's body (event_type, event_id, event_data); slack / teams = a readable message for a Slack or " +
  'Microsoft Teams incoming-webhook URL (Slack: text + blocks; Teams: an Adaptive Card). All are Standard Webhooks signed';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.com/hooks/cairn' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: DOMAIN_EVENTS, enumName: 'WebhookEvent', isArray: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(DOMAIN_EVENTS.length)
  @ArrayUnique()
  @IsIn(DOMAIN_EVENTS, { each: true })
  events!: DomainEventType[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_FORMATS,
    enumName: 'WebhookFormat',
    default: 'standard',
    description: FORMAT_DESCRIPTION,
  })
  // Not IsOptional: that would let null through to a non-null column.
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(WEBHOOK_FORMATS)
  format?: WebhookFormatName;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'format delighted only: the key the receiver checks X-Delighted-Webhook-Signature with (hex HMAC-SHA256 of the body); write-only, stored encrypted; null removes it',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  @Length(8, 200)
  delightedSigningKey?: string | null;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ description: 'true re-enables a disabled endpoint and clears its failure streak' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: DOMAIN_EVENTS, enumName: 'WebhookEvent', isArray: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(DOMAIN_EVENTS.length)
  @ArrayUnique()
  @IsIn(DOMAIN_EVENTS, { each: true })
  events?: DomainEventType[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_FORMATS,
    enumName: 'WebhookFormat',
    default: 'standard',
    description: FORMAT_DESCRIPTION,
  })
  // Not IsOptional: that would let null through to a non-null column.
  @ValidateIf((_, value) => value !== undefined)
  @IsIn(WEBHOOK_FORMATS)
  format?: WebhookFormatName;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'format delighted only: the key the receiver checks X-Delighted-Webhook-Signature with (hex HMAC-SHA256 of the body); write-only, stored encrypted; null removes it',
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  @Length(8, 200)
  delightedSigningKey?: string | null;
}

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export class ListDeliveriesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, enumName: 'DeliveryStatus' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];
}
