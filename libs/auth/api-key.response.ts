import { ApiProperty } from '@nestjs/swagger';

const ROLE = { enum: ['admin', 'manager', 'viewer'], enumName: 'Role' } as const;

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty(ROLE) role!: string;
  @ApiProperty({ description: 'the first characters, to recognise the key' }) prefix!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) lastUsedAt!: Date | null;
}

export class ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeyResponse] }) data!: ApiKeyResponse[];
}

/** POST /api-keys: the key itself is in this answer only; only its hash is stored. */
export class ApiKeyCreatedResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty(ROLE) role!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ description: 'shown once' }) key!: string;
}
