import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, type ChannelName } from './touchpoint.dto';

// What the journey routes answer (journey.mapper.ts builds them); dates go out as ISO strings.
export class TouchpointResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'slug, unique in the workspace' }) key!: string;
  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' }) channel!: ChannelName;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the team that owns it' }) owner!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "the score it should reach on its metric's scale" })
  target!: number | null;
  @ApiProperty({ description: '0-based within the stage' }) position!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class TouchpointListResponse {
  @ApiProperty({ type: [TouchpointResponse] }) data!: TouchpointResponse[];
}

export class StageResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) journeyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the customer's goal at this stage" }) customerGoal!: string | null;
  @ApiProperty({ type: [String], description: 'what the customer does at this stage' }) customerActions!: string[];
  @ApiProperty({ description: '0-based order in the journey' }) position!: number;
  @ApiPropertyOptional({ type: [TouchpointResponse], description: 'present when read with its journey' })
  touchpoints?: TouchpointResponse[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class JourneyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [StageResponse], description: 'in order, each with its touchpoints' }) stages!: StageResponse[];
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class JourneyListResponse {
  @ApiProperty({ type: [JourneyResponse] }) data!: JourneyResponse[];
}
