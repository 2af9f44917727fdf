import { ApiProperty } from '@nestjs/swagger';
import { METRICS, SURVEY_CHANNELS, SURVEY_KINDS, type MetricName, type SurveyChannelName, type SurveyKindName } from './survey.dto';

/** Text per locale, e.g. { en: "…", sv: "…" }. */
const LOCALIZED = { type: 'object', additionalProperties: { type: 'string' }, nullable: true } as const;

export class SurveyTriggerResponse {
  @ApiProperty({ example: 'order.delivered' }) event!: string;
  @ApiProperty({ description: 'seconds after the event' }) delaySeconds!: number;
}

export class SurveyScheduleResponse {
  @ApiProperty({ description: 'everyone matching the segment is asked once per period of this many days' }) everyDays!: number;
  @ApiProperty({ description: 'start of period 0; period k starts at anchor + k × everyDays' }) anchor!: Date;
}

/** What the survey routes answer (survey.mapper.ts builds it). */
export class SurveyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SURVEY_KINDS, enumName: 'SurveyKind' }) kind!: SurveyKindName;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for relationship surveys' })
  touchpointId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "a relationship survey's journey; null for touchpoint surveys",
  })
  journeyId!: string | null;
  @ApiProperty({ enum: METRICS, enumName: 'Metric' }) metric!: MetricName;
  @ApiProperty({ enum: SURVEY_CHANNELS, enumName: 'SurveyChannel' }) channel!: SurveyChannelName;
  @ApiProperty({ type: SurveyTriggerResponse, nullable: true, description: 'null for relationship surveys' })
  trigger!: SurveyTriggerResponse | null;
  @ApiProperty({ type: SurveyScheduleResponse, nullable: true, description: 'relationship surveys only' })
  schedule!: SurveyScheduleResponse | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: "relationship surveys: person-property filters (the personas' shape); null = everyone with an email",
  })
  segment!: Record<string, unknown> | null;
  @ApiProperty({ ...LOCALIZED, description: 'null = the built-in text of the metric' })
  question!: Record<string, string> | null;
  @ApiProperty(LOCALIZED) commentPrompt!: Record<string, string> | null;
  @ApiProperty({ ...LOCALIZED, description: 'email subject per locale' }) subject!: Record<string, string> | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null = no reminder' }) reminderAfterSeconds!: number | null;
  @ApiProperty() throttleDays!: number;
  @ApiProperty() expiresAfterSeconds!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class SurveyListResponse {
  @ApiProperty({ type: [SurveyResponse] }) data!: SurveyResponse[];
}

export class SchedulePreviewDayResponse {
  @ApiProperty() from!: Date;
  @ApiProperty() until!: Date;
  @ApiProperty({ description: 'invitations the scheduler will make in (from, until]' }) count!: number;
}

/** GET /surveys/:id/schedule: what a relationship survey will send next, from the scheduler's own slots. */
export class SchedulePreviewResponse {
  @ApiProperty({ format: 'uuid' }) surveyId!: string;
  @ApiProperty() everyDays!: number;
  @ApiProperty() from!: Date;
  @ApiProperty() until!: Date;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [SchedulePreviewDayResponse], description: 'one per 24 h from `from`; asks already due count in the first' })
  days!: SchedulePreviewDayResponse[];
}
