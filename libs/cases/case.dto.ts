import { CursorPageQuery } from '@cairn/common';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';

export const CASE_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export type CaseStatusName = (typeof CASE_STATUSES)[number];
export const CASE_SORTS = ['newest', 'due'] as const;

export class UpdateCaseDto {
  @ApiPropertyOptional({ enum: CASE_STATUSES, enumName: 'CaseStatus' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatusName;

  @ApiPropertyOptional({ nullable: true, description: 'who follows up (name or email); null unassigns' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @Length(1, 200)
  assignee?: string | null;

  @ApiPropertyOptional({ description: 'added to the case with your name and the time' })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  note?: string;
}

// Query strings carry "true"/"false"; anything else stays a string and fails @IsBoolean with a 400.
const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The filters the list, its tab counts and the dashboard share (everything but status and paging). */
export class CaseFilterQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'only cases of this touchpoint' })
  @IsOptional()
  @IsUUID()
  touchpointId?: string;

  @ApiPropertyOptional({ description: 'only cases assigned to exactly this (case-insensitive)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignee?: string;

  @ApiPropertyOptional({ description: 'true: only cases nobody is assigned to' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  unassigned?: boolean;

  @ApiPropertyOptional({ description: 'true: only unresolved cases past their SLA; false: only the others' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: "text in the answer's comment or the person's name or email" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class ListCasesQuery extends IntersectionType(CursorPageQuery, CaseFilterQuery) {
  @ApiPropertyOptional({ enum: CASE_STATUSES, enumName: 'CaseStatus' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatusName;

  @ApiPropertyOptional({
    enum: CASE_SORTS,
    enumName: 'CaseSort',
    default: 'newest',
    description: 'newest first, or due: the earliest SLA deadline first',
  })
  @IsOptional()
  @IsIn(CASE_SORTS)
  sort?: (typeof CASE_SORTS)[number];
}

export class UpdateCaseSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 8760, description: 'hours from opening until a case is due' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8760)
  slaHours?: number;

  @ApiPropertyOptional({ description: "resolve an unresolved case when its answer is edited out of the alert's range" })
  @IsOptional()
  @IsBoolean()
  autoResolve?: boolean;
}
