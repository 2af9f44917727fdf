import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class PublicPersonDto {
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(320) email?: string;
  @ApiPropertyOptional({ description: 'your id of the person' }) @IsOptional() @IsString() @MaxLength(200) externalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(35) locale?: string;
  @ApiPropertyOptional() @IsOptional() @IsObject() properties?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'hex HMAC-SHA256 of externalId (else email) with the workspace identity secret; without it the answer is anonymous',
  })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'person.userHash must be a hex HMAC-SHA256 (64 hex digits)' })
  userHash?: string;
}

export class PublicResponseDto {
  @ApiProperty({ description: 'the workspace publishable key (pk_…)' })
  @IsString()
  @MaxLength(100)
  workspaceKey!: string;

  @ApiProperty({ example: 'checkout' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,99}$/, { message: 'touchpointKey must be a touchpoint key like checkout' })
  touchpointKey!: string;

  @ApiProperty({ description: 'in the range of the touchpoint survey metric' })
  @IsInt()
  score!: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(35) locale?: string;

  @ApiPropertyOptional({ type: PublicPersonDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PublicPersonDto)
  person?: PublicPersonDto;
}
