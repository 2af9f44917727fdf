import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from './user.dto';

/** A dashboard user as the API shows one (user.mapper.ts): never the password hash. */
export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() notifyOnCase!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class UserListResponse {
  @ApiProperty({ type: [UserResponse] }) data!: UserResponse[];
}
