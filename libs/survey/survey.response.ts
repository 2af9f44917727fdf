import { ApiProperty } from '@nestjs/swagger';
import { METRICS, type MetricName } from './survey.dto';

/** Text per locale, e.g. { en: "…", sv: "…" }. */
const LOCALIZED = { type: 'object', additionalProperties: { type: 'string' }, nullable: true } as const;

export class SurveyTriggerResponse {
  @ApiProperty({ example: 'order.delivered' }) event!: string;
  @ApiProperty({ description: 'seconds after the event' }) delaySeconds!: number;
}

/** What the survey routes answer (survey.mapper.ts builds it). */
export class SurveyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) touchpointId!: string;
  @ApiProperty({ enum: METRICS, enumName: 'Metric' }) metric!: MetricName;
  @ApiProperty({ type: SurveyTriggerResponse }) trigger!: SurveyTriggerResponse;
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
