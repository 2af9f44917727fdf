import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard, RequireRole } from '../../../../libs/auth/auth.guard';
import { ListPeopleQueryDto, UpdatePersonDto } from '../../../../libs/people/people.dto';
import { PeopleService } from '../../../../libs/people/people.service';
import { UnsubscribeService } from '../../../../libs/people/unsubscribe.service';
import { ErasureService } from '../../../../libs/privacy/erasure.service';

@ApiTags('people')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/people')
export class PersonController {
  constructor(
    private readonly people: PeopleService,
    private readonly unsubscribes: UnsubscribeService,
    private readonly erasure: ErasureService,
  ) {}

  @Get()
  list(@Auth() auth: AuthContext, @Query() query: ListPeopleQueryDto) {
    return this.people.list(auth.workspaceId, query);
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.people.get(auth.workspaceId, id);
  }

  @Patch(':id')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdatePersonDto) {
    return this.people.update(auth.workspaceId, id, dto);
  }

  @Post(':id/unsubscribe')
  @HttpCode(200)
  async unsubscribe(@Auth() auth: AuthContext, @Param('id') id: string) {
    if (!(await this.unsubscribes.byPersonId(auth.workspaceId, id))) throw new NotFoundException('Person not found');
    return this.people.get(auth.workspaceId, id);
  }

  /** GDPR erasure; irreversible, hence admin only. */
  @Delete(':id')
  @RequireRole('admin')
  erase(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.erasure.erase(auth.workspaceId, id);
  }
}
