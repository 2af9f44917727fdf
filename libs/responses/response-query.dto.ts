import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInstantInRange } from '@cairn/common';

export class ResponseFilterDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) touchpointId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) stageId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) journeyId?: string;
  @ApiPropertyOptional({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) @IsOptional() @IsIn(['nps', 'csat', 'ces']) metric?:
    'nps' | 'csat' | 'ces';

  @ApiPropertyOptional({ description: 'responses created at or after (ISO-8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsInstantInRange()
  since?: string;

  @ApiPropertyOptional({ description: 'responses created before (ISO-8601, exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsInstantInRange()
  until?: string;
}

export class ListResponsesDto extends ResponseFilterDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
