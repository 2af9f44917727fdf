import { ApiProperty } from '@nestjs/swagger';
import { DOMAIN_EVENTS } from '@cairn/outbox';
import { DELIVERY_STATUSES, WEBHOOK_FORMATS } from './webhook.dto';

const NULLABLE_DATE = { type: Date, nullable: true } as const;
const NULLABLE_NUMBER = { type: Number, nullable: true } as const;
const NULLABLE_STRING = { type: String, nullable: true } as const;

/** An endpoint as every read shows it (webhook.mapper.ts); the secret is not in it. */
export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: DOMAIN_EVENTS, enumName: 'WebhookEvent', isArray: true }) events!: string[];
  @ApiProperty({ enum: WEBHOOK_FORMATS, enumName: 'WebhookFormat' }) format!: string;
  @ApiProperty({ description: 'whether X-Delighted-Webhook-Signature is sent (the key itself is never shown)' })
  delightedSigningKeySet!: boolean;
  @ApiProperty(NULLABLE_STRING) description!: string | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ ...NULLABLE_STRING, description: 'why Cairn turned it off' }) disabledReason!: string | null;
  @ApiProperty(NULLABLE_DATE) disabledAt!: Date | null;
  @ApiProperty(NULLABLE_DATE) failingSince!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** POST /webhooks: the only answer that carries the signing secret. */
export class WebhookCreatedResponse extends WebhookResponse {
  @ApiProperty({ example: 'whsec_…', description: 'shown once' }) secret!: string;
}

export class WebhookListResponse {
  @ApiProperty({ type: [WebhookResponse] }) data!: WebhookResponse[];
}

export class DeliveryAttemptResponse {
  @ApiProperty() number!: number;
  @ApiProperty(NULLABLE_NUMBER) statusCode!: number | null;
  @ApiProperty() latencyMs!: number;
  @ApiProperty(NULLABLE_STRING) responseBody!: string | null;
  @ApiProperty(NULLABLE_STRING) error!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: DOMAIN_EVENTS, enumName: 'WebhookEvent' }) eventType!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, enumName: 'DeliveryStatus' }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ ...NULLABLE_DATE, description: 'only while pending' }) nextAttemptAt!: Date | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: "the receiver's last HTTP status" }) lastStatus!: number | null;
  @ApiProperty(NULLABLE_DATE) deliveredAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the body sent, parsed' }) payload!: unknown;
  @ApiProperty({ type: [DeliveryAttemptResponse] }) attemptLog!: DeliveryAttemptResponse[];
}

export class DeliveryListResponse {
  @ApiProperty({ type: [DeliveryResponse] }) data!: DeliveryResponse[];
  @ApiProperty({ ...NULLABLE_STRING, description: 'pass as cursor for the next page' }) nextCursor!: string | null;
}

export class WebhookEventListResponse {
  @ApiProperty({ enum: DOMAIN_EVENTS, enumName: 'WebhookEvent', isArray: true, description: 'what POST /webhooks accepts' })
  data!: string[];
}
