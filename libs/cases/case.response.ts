import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ResponseAnalysisResponse } from '@cairn/responses';
import { CASE_STATUSES } from './case.dto';

const NULLABLE_STRING = { type: String, nullable: true } as const;
const NULLABLE_UUID = { type: String, format: 'uuid', nullable: true } as const;
const NULLABLE_DATE = { type: Date, nullable: true } as const;

export class CaseResponseRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) metric!: string;
  @ApiProperty() score!: number;
  @ApiProperty(NULLABLE_STRING) comment!: string | null;
  @ApiProperty({ type: ResponseAnalysisResponse, nullable: true, description: "the comment's sentiment and themes; null while pending" })
  analysis!: ResponseAnalysisResponse | null;
  @ApiProperty({
    enum: ['touchpoint', 'relationship'],
    enumName: 'AnswerKind',
    description: 'relationship: an answer to a relationship survey (no touchpoint; the case has touchpointId null)',
  })
  kind!: 'touchpoint' | 'relationship';
  @ApiProperty() createdAt!: Date;
}

export class CasePersonRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
}

export class CaseNoteResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() author!: string;
  @ApiProperty() body!: string;
  @ApiProperty() createdAt!: Date;
}

/** A closed-loop case (case.mapper.ts); notes come with single reads. */
export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CASE_STATUSES, enumName: 'CaseStatus' }) status!: string;
  @ApiProperty(NULLABLE_STRING) assignee!: string | null;
  @ApiProperty({ ...NULLABLE_DATE, description: 'SLA deadline' }) dueAt!: Date | null;
  @ApiProperty() overdue!: boolean;
  @ApiProperty(NULLABLE_DATE) resolvedAt!: Date | null;
  @ApiProperty({ description: 'resolved because the answer was edited out of the alert range' }) autoResolved!: boolean;
  @ApiProperty(NULLABLE_UUID) alertId!: string | null;
  @ApiProperty(NULLABLE_UUID) responseId!: string | null;
  @ApiProperty(NULLABLE_UUID) touchpointId!: string | null;
  @ApiProperty({ type: CaseResponseRef, nullable: true }) response!: CaseResponseRef | null;
  @ApiProperty({ type: CasePersonRef, nullable: true }) person!: CasePersonRef | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ type: [CaseNoteResponse] }) notes?: CaseNoteResponse[];
}

export class CaseListResponse {
  @ApiProperty({ type: [CaseResponse] }) data!: CaseResponse[];
  @ApiProperty({ ...NULLABLE_STRING, description: 'pass as cursor for the next page' }) nextCursor!: string | null;
}

export class CaseCountsResponse {
  @ApiProperty() open!: number;
  @ApiProperty({ name: 'in_progress' }) in_progress!: number;
  @ApiProperty() resolved!: number;
  @ApiProperty({ description: 'unresolved cases past their SLA' }) overdue!: number;
}

export class CaseSettingsResponse {
  @ApiProperty({ description: 'hours from opening until a new case is due' }) slaHours!: number;
  @ApiProperty({ description: "resolve an unresolved case when its answer is edited out of the alert's range" }) autoResolve!: boolean;
}
