import { ApiProperty } from '@nestjs/swagger';

const NULLABLE_STRING = { type: String, nullable: true } as const;
const NULLABLE_UUID = { type: String, format: 'uuid', nullable: true } as const;

export class ResponseScaleResponse {
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
}

export class ResponsePersonRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(NULLABLE_STRING) email!: string | null;
  @ApiProperty(NULLABLE_STRING) name!: string | null;
}

export class ResponseSentimentResponse {
  @ApiProperty({ description: '−1 (very negative) … 1 (very positive)' }) score!: number;
  @ApiProperty({ enum: ['positive', 'neutral', 'negative'], enumName: 'SentimentLabel' }) label!: string;
}

/** What the comment says, read by the worker within seconds of the answer (comment analysis). */
export class ResponseAnalysisResponse {
  @ApiProperty({ enum: ['en', 'sv', 'da'], enumName: 'CommentLanguage', description: "the response's locale when known, else detected" })
  language!: string;
  @ApiProperty({ type: ResponseSentimentResponse }) sentiment!: ResponseSentimentResponse;
  @ApiProperty({ type: [String], description: 'theme keys the comment mentions' }) themes!: string[];
}

/** One survey answer (response.mapper.ts). */
export class ResponseItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) metric!: string;
  @ApiProperty({ type: ResponseScaleResponse }) scale!: ResponseScaleResponse;
  @ApiProperty() score!: number;
  @ApiProperty(NULLABLE_STRING) comment!: string | null;
  @ApiProperty(NULLABLE_STRING) locale!: string | null;
  @ApiProperty({ enum: ['email', 'web', 'app', 'api', 'import', 'sms', 'qr', 'kiosk'], enumName: 'ResponseSource' }) source!: string;
  @ApiProperty({ ...NULLABLE_UUID, description: 'null for an answer to a relationship survey (it asks about the journey)' })
  touchpointId!: string | null;
  @ApiProperty({ ...NULLABLE_UUID, description: 'null exactly when touchpointId is' }) stageId!: string | null;
  @ApiProperty({ format: 'uuid', description: "the touchpoint's journey, or the relationship survey's" }) journeyId!: string;
  @ApiProperty(NULLABLE_UUID) surveyId!: string | null;
  @ApiProperty(NULLABLE_UUID) invitationId!: string | null;
  @ApiProperty(NULLABLE_UUID) personId!: string | null;
  @ApiProperty({ type: ResponsePersonRef, nullable: true }) person!: ResponsePersonRef | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the person's properties when they answered" })
  personProperties!: unknown;
  @ApiProperty({ type: Date, nullable: true }) editableUntil!: Date | null;
  @ApiProperty({ type: ResponseAnalysisResponse, nullable: true, description: 'null while pending or without a comment' })
  analysis!: ResponseAnalysisResponse | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class ResponseListResponse {
  @ApiProperty({ type: [ResponseItemResponse] }) data!: ResponseItemResponse[];
  @ApiProperty({ ...NULLABLE_STRING, description: 'pass as cursor for the next page' }) nextCursor!: string | null;
}
