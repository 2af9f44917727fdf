import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export const CHANNELS = ['email', 'web', 'app', 'store', 'phone', 'chat', 'delivery', 'other'] as const;
export type ChannelName = (typeof CHANNELS)[number];
const KEY_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export class CreateTouchpointDto {
  @ApiProperty()
  @IsString()
  stageId!: string;

  @ApiProperty({ example: 'Checkout' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiProperty({ example: 'checkout', description: 'slug, unique in the workspace' })
  @IsString()
  @Length(1, 64)
  @Matches(KEY_PATTERN, { message: 'key must be a slug: lowercase letters, digits, - or _' })
  key!: string;

  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' })
  @IsIn(CHANNELS)
  channel!: ChannelName;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'the team that owns it; null clears it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, 120)
  owner?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 40,
    description: "the score it should reach on its metric's scale: NPS −100..100, CSAT 0..100, CES 1..7; null clears it",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target?: number | null;
}

/** Every field of a touchpoint, each optional (a new stageId moves it to another stage of the same journey), and its place. */
export class UpdateTouchpointDto extends PartialType(CreateTouchpointDto) {
  @ApiPropertyOptional({ description: '0-based place in its (new) stage; the others move along' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}
