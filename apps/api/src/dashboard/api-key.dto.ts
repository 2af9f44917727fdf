import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type RoleName } from '@cairn/users';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CRM integration' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', default: 'admin' })
  @IsOptional()
  @IsIn(ROLES)
  role?: RoleName;
}
