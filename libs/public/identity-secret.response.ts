import { ApiProperty } from '@nestjs/swagger';

const NULLABLE = { nullable: true } as const;

export class IdentitySecretStatusResponse {
  @ApiProperty() configured!: boolean;
  @ApiProperty({ type: String, ...NULLABLE }) prefix!: string | null;
  @ApiProperty({ type: Date, ...NULLABLE }) createdAt!: Date | null;
}

/** POST /widget/identity-secret: the only answer that shows the secret. */
export class IdentitySecretCreatedResponse {
  @ApiProperty({ description: 'shown once; sign person ids with HMAC-SHA256 on your server' }) secret!: string;
  @ApiProperty() prefix!: string;
  @ApiProperty() createdAt!: Date;
}
