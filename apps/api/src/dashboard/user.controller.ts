import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard, RequireRole } from '../../../../libs/auth/auth.guard';
import { CreateUserDto, UpdateUserDto } from '../../../../libs/users/user.dto';
import { UserService } from '../../../../libs/users/user.service';

/** Dashboard users; admins manage them, managers may list them (to assign cases). */
@ApiTags('users')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@RequireRole('admin')
@Controller('api/v1/users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @RequireRole('manager')
  list(@Auth() auth: AuthContext) {
    return this.users.list(auth.workspaceId);
  }

  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateUserDto) {
    return this.users.create(auth.workspaceId, dto);
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.users.get(auth.workspaceId, id);
  }

  @Patch(':id')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.users.delete(auth.workspaceId, id);
  }
}
