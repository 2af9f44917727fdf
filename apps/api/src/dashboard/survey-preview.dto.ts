import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLocalizedText } from '@cairn/common';
import { SUPPORTED_LOCALES } from '@cairn/i18n';
import { METRICS, type MetricName } from '@cairn/survey';

/** The texts being edited (not yet saved), rendered exactly as the email would be. */
export class SurveyPreviewDto {
  @ApiProperty({ enum: METRICS })
  @IsIn(METRICS)
  metric!: MetricName;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  locale?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  touchpointId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @IsLocalizedText(500)
  question?: Record<string, string>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  @IsLocalizedText(200)
  subject?: Record<string, string>;
}

/** POST /api/v1/surveys/preview/sms: the metric and language of the text to preview. */
export class SmsPreviewDto {
  @ApiProperty({ enum: METRICS })
  @IsIn(METRICS)
  metric!: MetricName;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES)
  locale?: string;
}
