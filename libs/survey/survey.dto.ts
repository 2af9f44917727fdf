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

export const METRICS = ['nps', 'csat', 'ces'] as const;
export type MetricName = (typeof METRICS)[number];
export const SURVEY_KINDS = ['touchpoint', 'relationship'] as const;
export type SurveyKindName = (typeof SURVEY_KINDS)[number];
const DAY = 86400;

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

export class CreateSurveyDto extends SurveyTextsDto {
  @ApiProperty()
  @IsString()
  touchpointId!: string;

  @ApiProperty({ enum: METRICS, enumName: 'Metric' })
  @IsIn(METRICS)
  metric!: MetricName;

  @ApiProperty({ type: SurveyTriggerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyTriggerDto)
  trigger!: SurveyTriggerDto;
}

export class UpdateSurveyDto extends SurveyTextsDto {
  @ApiPropertyOptional({ type: SurveyTriggerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SurveyTriggerDto)
  trigger?: SurveyTriggerDto;
}
