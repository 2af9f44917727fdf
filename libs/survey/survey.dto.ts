import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsLocalizedText } from '@cairn/common';
import { IsPersonaFilters } from '@cairn/personas';

export const METRICS = ['nps', 'csat', 'ces'] as const;
export type MetricName = (typeof METRICS)[number];
export const SURVEY_KINDS = ['touchpoint', 'relationship'] as const;
export type SurveyKindName = (typeof SURVEY_KINDS)[number];
export const SURVEY_CHANNELS = ['email', 'sms'] as const;
export type SurveyChannelName = (typeof SURVEY_CHANNELS)[number];
const DAY = 86400;
/** `schedule.everyDays` of a relationship survey: at least weekly (shorter is a pulse, not a relationship survey), at most every two years. */
export const MIN_EVERY_DAYS = 7;
export const MAX_EVERY_DAYS = 730;

export class SurveyScheduleDto {
  @ApiProperty({ example: 90, minimum: MIN_EVERY_DAYS, maximum: MAX_EVERY_DAYS, description: 'ask each person once per this many days' })
  @IsInt()
  @Min(MIN_EVERY_DAYS)
  @Max(MAX_EVERY_DAYS)
  everyDays!: number;
}

export class SurveyTriggerDto {
  @ApiProperty({ example: 'order.delivered' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'trigger.event must be an event type like order.delivered' })
  event!: string;

  @ApiPropertyOptional({ example: 172800, description: 'seconds after the event' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365 * DAY)
  delaySeconds?: number;
}

class SurveyTextsDto {
  @ApiPropertyOptional({
    enum: SURVEY_CHANNELS,
    enumName: 'SurveyChannel',
    description: 'omitted = "email"; sms texts the person\'s phone (docs/api-sms.md)',
  })
  @IsOptional()
  @IsIn(SURVEY_CHANNELS)
  channel?: SurveyChannelName;

  @ApiPropertyOptional({ example: { en: 'How likely are you to recommend us?' } })
  @IsOptional()
  @IsObject()
  @IsLocalizedText(500)
  question?: Record<string, string> | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @IsLocalizedText(500)
  commentPrompt?: Record<string, string> | null;

  @ApiPropertyOptional({ description: 'email subject per locale' })
  @IsOptional()
  @IsObject()
  @IsLocalizedText(200)
  subject?: Record<string, string> | null;

  @ApiPropertyOptional({ nullable: true, description: 'one reminder this long after the first email; null = off' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(3600)
  @Max(60 * DAY)
  reminderAfterSeconds?: number | null;

  @ApiPropertyOptional({ example: 30 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  throttleDays?: number;

  @ApiPropertyOptional({ example: 2592000 })
  @IsOptional()
  @IsInt()
  @Min(3600)
  @Max(365 * DAY)
  expiresAfterSeconds?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

const isRelationship = (dto: { kind?: string }) => dto.kind === 'relationship';

/**
 * A touchpoint survey (the default) names its touchpoint and trigger; a relationship survey (`kind: "relationship"`)
 * names its journey, its schedule and optionally a segment instead. Fields of the other kind are refused by the service.
 */
export class CreateSurveyDto extends SurveyTextsDto {
  // No OpenAPI `default`: generated clients would then make the field required.
  @ApiPropertyOptional({ enum: SURVEY_KINDS, enumName: 'SurveyKind', description: 'omitted = "touchpoint"' })
  @IsOptional()
  @IsIn(SURVEY_KINDS)
  kind?: SurveyKindName;

  @ApiPropertyOptional({ description: 'touchpoint surveys (required there)' })
  @ValidateIf((dto: CreateSurveyDto) => !isRelationship(dto) || dto.touchpointId !== undefined)
  @IsString()
  touchpointId?: string;

  @ApiPropertyOptional({ description: 'relationship surveys (required there)' })
  @ValidateIf((dto: CreateSurveyDto) => isRelationship(dto) || dto.journeyId !== undefined)
  @IsString()
  journeyId?: string;

  @ApiProperty({ enum: METRICS, enumName: 'Metric' })
  @IsIn(METRICS)
  metric!: MetricName;

  @ApiPropertyOptional({ type: SurveyTriggerDto, description: 'touchpoint surveys (required there)' })
  @ValidateIf((dto: CreateSurveyDto) => !isRelationship(dto) || dto.trigger !== undefined)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyTriggerDto)
  trigger?: SurveyTriggerDto;

  @ApiPropertyOptional({ type: SurveyScheduleDto, description: 'relationship surveys (required there)' })
  @ValidateIf((dto: CreateSurveyDto) => isRelationship(dto) || dto.schedule !== undefined)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyScheduleDto)
  schedule?: SurveyScheduleDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    example: { plan: 'pro' },
    description: "relationship surveys: only people whose properties match every filter (the personas' shape); omitted = everyone",
  })
  @IsOptional()
  @IsPersonaFilters()
  segment?: Record<string, string | number | boolean>;
}

export class UpdateSurveyDto extends SurveyTextsDto {
  @ApiPropertyOptional({ type: SurveyTriggerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SurveyTriggerDto)
  trigger?: SurveyTriggerDto;
}

export const MAX_PREVIEW_DAYS = 90;

/** GET /surveys/:id/schedule?days=7 */
export class SchedulePreviewQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PREVIEW_DAYS, description: 'omitted = 7' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PREVIEW_DAYS)
  days?: number;
}
