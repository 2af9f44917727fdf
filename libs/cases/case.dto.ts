import { CursorPageQuery } from '@cairn/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';

export const CASE_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export type CaseStatusName = (typeof CASE_STATUSES)[number];

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

export class ListCasesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES, enumName: 'CaseStatus' })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatusName;
}
