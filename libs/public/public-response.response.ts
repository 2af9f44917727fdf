import { ApiProperty } from '@nestjs/swagger';

/** POST /public/responses: the answer as recorded. */
export class PublicAnswerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) metric!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty() createdAt!: Date;
}

export class PublicScaleResponse {
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
}

/** GET /public/surveys/:touchpointKey: what a widget shows, in the asked locale. */
export class PublicSurveyResponse {
  @ApiProperty() touchpointKey!: string;
  @ApiProperty({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) metric!: string;
  @ApiProperty({ type: PublicScaleResponse }) scale!: PublicScaleResponse;
  @ApiProperty({ example: 'en' }) locale!: string;
  @ApiProperty({ type: String, nullable: true }) intro!: string | null;
  @ApiProperty() question!: string;
  @ApiProperty() lowLabel!: string;
  @ApiProperty() highLabel!: string;
  @ApiProperty() commentPrompt!: string;
  @ApiProperty({ type: [Number] }) scores!: number[];
  @ApiProperty() submitLabel!: string;
  @ApiProperty() thanks!: string;
  @ApiProperty() error!: string;
}
