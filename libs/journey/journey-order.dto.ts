import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

/** PUT /journeys/:id/stage-order: the journey's whole stage list, so a stale page cannot drop or duplicate a stage. */
export class StageOrderDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'every stage of the journey, each once, in the new order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'stageIds must hold stage ids (UUIDs)' })
  stageIds!: string[];
}

/**
 * PUT /stages/:id/touchpoint-order: the stage's touchpoints in their new order.
 * It must name every touchpoint the stage has; a touchpoint of another stage of
 * the same journey moves into this one (a drag across columns).
 */
export class TouchpointOrderDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "the stage's touchpoints in order; others of the journey move here" })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'touchpointIds must hold touchpoint ids (UUIDs)' })
  touchpointIds!: string[];
}
