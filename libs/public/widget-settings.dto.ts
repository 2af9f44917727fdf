import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

export class UpdateWidgetSettingsDto {
  @ApiProperty({
    type: [String],
    example: ['https://shop.example.com'],
    description: "scheme://host[:port] of the pages that embed the widget, or '*' for any; replaces the list",
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  allowedOrigins!: string[];
}
