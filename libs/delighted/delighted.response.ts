import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Delighted's v1 shapes as Cairn answers them (delighted.mapper.ts): string ids,
// Unix-second timestamps, snake_case. Documented as they are; not Cairn's style.
const NULLABLE_STRING = { type: String, nullable: true } as const;
const NULLABLE_UNIX = { type: Number, nullable: true, description: 'Unix seconds' } as const;
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
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({
    type: 'array',
    items: FREE_OBJECT,
    description:
      'answers to additional questions: { id, value: { free_response, scale, select_one, select_many }, question: { id, type, text } }',
  })
  additional_answers!: unknown[];
}

/** NPS fields for an NPS survey; `csat`/`satisfied_*`/`neutral_*`/`dissatisfied_*` for CSAT; `ces`/`agree_*`/`neutral_*`/`disagree_*` for CES. */
export class DelightedMetricsResponse {
  [field: string]: number | undefined;
  @ApiPropertyOptional() nps?: number;
  @ApiPropertyOptional() promoter_count?: number;
  @ApiPropertyOptional() promoter_percent?: number;
  @ApiPropertyOptional() passive_count?: number;
  @ApiPropertyOptional() passive_percent?: number;
  @ApiPropertyOptional() detractor_count?: number;
  @ApiPropertyOptional() detractor_percent?: number;
  @ApiPropertyOptional({ description: 'CSAT: % satisfied' }) csat?: number;
  @ApiPropertyOptional({ description: 'CES: % agree' }) ces?: number;
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

export class DelightedAutopilotConfigurationResponse {
  @ApiProperty({ enum: ['email', 'sms'], enumName: 'DelightedAutopilotPlatform' }) platform_id!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'seconds between two asks of a member' }) frequency!: number;
  @ApiProperty(NULLABLE_UNIX) created_at!: number | null;
  @ApiProperty(NULLABLE_UNIX) updated_at!: number | null;
}

export class DelightedNextSurveyRequestResponse {
  @ApiProperty({ ...NULLABLE_STRING, description: 'the invitation waiting to be sent; null when the ask is still a slot' })
  id!: string | null;
  @ApiProperty(NULLABLE_UNIX) created_at!: number | null;
  @ApiProperty(NULLABLE_UNIX) survey_scheduled_at!: number | null;
  @ApiProperty(FREE_OBJECT) properties!: Record<string, unknown>;
}

export class DelightedAutopilotMembershipResponse {
  @ApiProperty(NULLABLE_UNIX) created_at!: number | null;
  @ApiProperty(NULLABLE_UNIX) updated_at!: number | null;
  @ApiProperty({ type: DelightedPersonResponse }) person!: DelightedPersonResponse;
  @ApiProperty(FREE_OBJECT) properties!: Record<string, unknown>;
  @ApiProperty({
    type: DelightedNextSurveyRequestResponse,
    nullable: true,
    description: 'the member’s next ask on the relationship survey; null while the platform is not active',
  })
  next_survey_request!: DelightedNextSurveyRequestResponse | null;
}
