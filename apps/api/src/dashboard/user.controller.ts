import { Body, Controller, Delete, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import { CreateUserDto, UpdateUserDto, UserService, UserListResponse, UserResponse } from '@cairn/users';
import { ApiErrors, UuidParam } from '@cairn/common';

/** Dashboard users; admins manage them, managers may list them (to assign cases). */
@ApiTags('users')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@ApiErrors(401, 403)
@Controller('api/v1/users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @RequireRole('manager')
  @ApiOkResponse({ type: UserListResponse })
  list(@Auth() auth: AuthContext): Promise<UserListResponse> {
    return this.users.list(auth.workspaceId);
  }

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrors(400, 409)
  create(@Auth() auth: AuthContext, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(auth.workspaceId, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<UserResponse> {
    return this.users.get(auth.workspaceId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrors(400, 404, 409)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404, 409)
  async delete(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.users.delete(auth.workspaceId, id);
  }
}
