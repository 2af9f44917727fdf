import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Delighted's v1 shapes as Cairn answers them (delighted.mapper.ts): string ids,
// Unix-second timestamps, snake_case. Documented as they are; not Cairn's style.
const NULLABLE_STRING = { type: String, nullable: true } as const;
const NULLABLE_UNIX = { type: Number, nullable: true, description: 'Unix seconds' } as const;
const NULLABLE_NUMBER = { type: Number, nullable: true } as const;
const FREE_OBJECT = { type: 'object', additionalProperties: true } as const;

export class DelightedInvitationInfoResponse {
  @ApiProperty(NULLABLE_STRING) id!: string | null;
  @ApiProperty({
    enum: ['scheduled', 'sending', 'sent', 'responded', 'failed', 'throttled', 'suppressed', 'expired', 'cancelled', 'bounced'],
    enumName: 'InvitationStatus',
  })
  status!: string;
  @ApiProperty(NULLABLE_STRING) reason!: string | null;
  @ApiProperty(NULLABLE_UNIX) scheduled_at!: number | null;
}

export class DelightedCreatedPersonResponse {
  @ApiProperty() id!: string;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
  @ApiProperty(NULLABLE_UNIX) survey_scheduled_at!: number | null;
  @ApiProperty(FREE_OBJECT) properties!: unknown;
  @ApiProperty(NULLABLE_STRING) phone_number!: string | null;
  @ApiProperty({ type: DelightedInvitationInfoResponse, nullable: true, description: "Cairn's addition: what happened to the survey" })
  cairn_invitation!: DelightedInvitationInfoResponse | null;
}

export class DelightedPersonResponse {
  @ApiProperty() id!: string;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
  @ApiProperty(NULLABLE_UNIX) created_at!: number | null;
  @ApiProperty(NULLABLE_STRING) phone_number!: string | null;
  @ApiProperty(NULLABLE_UNIX) last_sent_at!: number | null;
  @ApiProperty(NULLABLE_UNIX) last_responded_at!: number | null;
  @ApiProperty(NULLABLE_UNIX) next_survey_scheduled_at!: number | null;
}

export class DelightedNoteResponse {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty() user_email!: string;
  @ApiProperty(NULLABLE_UNIX) created_at!: number | null;
}

export class DelightedSurveyResponse {
  @ApiProperty() id!: string;
  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/DelightedPersonResponse' }],
    description: 'the person id, or the person with expand[]=person',
  })
  person!: unknown;
  @ApiProperty({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) survey_type!: string;
  @ApiProperty() score!: number;
  @ApiProperty(NULLABLE_STRING) comment!: string | null;
  @ApiProperty() permalink!: string;
  @ApiProperty(NULLABLE_UNIX) created_at!: number | null;
  @ApiProperty(NULLABLE_UNIX) updated_at!: number | null;
  @ApiProperty({ ...FREE_OBJECT, nullable: true }) person_properties!: unknown;
  @ApiProperty({ type: [DelightedNoteResponse] }) notes!: DelightedNoteResponse[];
  @ApiProperty({ type: [String] }) tags!: never[];
  @ApiProperty({ type: 'array', items: FREE_OBJECT }) additional_answers!: never[];
}

export class DelightedMetricsResponse {
  @ApiProperty(NULLABLE_NUMBER) nps!: number | null;
  @ApiProperty() promoter_count!: number;
  @ApiProperty(NULLABLE_NUMBER) promoter_percent!: number | null;
  @ApiProperty() passive_count!: number;
  @ApiProperty(NULLABLE_NUMBER) passive_percent!: number | null;
  @ApiProperty() detractor_count!: number;
  @ApiProperty(NULLABLE_NUMBER) detractor_percent!: number | null;
  @ApiProperty() response_count!: number;
}

export class DelightedSuppressionResponse {
  @ApiProperty(NULLABLE_STRING) person_id!: string | null;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
  @ApiPropertyOptional(NULLABLE_UNIX) unsubscribed_at?: number | null;
  @ApiPropertyOptional(NULLABLE_UNIX) bounced_at?: number | null;
}

export class DelightedOkResponse {
  @ApiProperty({ example: true }) ok!: boolean;
}
