import { ApiProperty } from '@nestjs/swagger';
import type { ErasureResult } from '@cairn/privacy';
import type { PersonDto } from './person.mapper';

const NULLABLE_STRING = { type: String, nullable: true } as const;
const NULLABLE_DATE = { type: Date, nullable: true } as const;

export class PersonResponse implements PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) externalId!: string | null;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
  @ApiProperty(NULLABLE_STRING) phoneNumber!: string | null;
  @ApiProperty(NULLABLE_STRING) locale!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) properties!: Record<string, unknown>;
  @ApiProperty(NULLABLE_DATE) unsubscribedAt!: Date | null;
  @ApiProperty(NULLABLE_DATE) lastSurveyedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class PersonListResponse {
  @ApiProperty({ type: [PersonResponse] }) data!: PersonResponse[];
  @ApiProperty({ ...NULLABLE_STRING, description: 'pass as cursor for the next page' }) nextCursor!: string | null;
}

/** DELETE /people/:id: what the erasure changed. */
export class ErasureResponse implements ErasureResult {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() erasedAt!: Date;
  @ApiProperty() responsesAnonymised!: number;
  @ApiProperty() invitationsCancelled!: number;
  @ApiProperty() webhookDeliveriesRedacted!: number;
}
