import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard, RequireRole } from '@cairn/auth';
import {
  ListPeopleQueryDto,
  UpdatePersonDto,
  PeopleService,
  UnsubscribeService,
  ErasureResponse,
  PersonListResponse,
  PersonResponse,
} from '@cairn/people';
import { ErasureService } from '@cairn/privacy';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('people')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/people')
export class PersonController {
  constructor(
    private readonly people: PeopleService,
    private readonly unsubscribes: UnsubscribeService,
    private readonly erasure: ErasureService,
  ) {}

  @Get()
  @ApiOkResponse({ type: PersonListResponse })
  @ApiErrors(400)
  list(@Auth() auth: AuthContext, @Query() query: ListPeopleQueryDto): Promise<PersonListResponse> {
    return this.people.list(auth.workspaceId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<PersonResponse> {
    return this.people.get(auth.workspaceId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PersonResponse })
  @ApiErrors(400, 404, 409)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdatePersonDto): Promise<PersonResponse> {
    return this.people.update(auth.workspaceId, id, dto);
  }

  @Post(':id/unsubscribe')
  @HttpCode(200)
  @ApiOkResponse({ type: PersonResponse })
  @ApiErrors(400, 404)
  async unsubscribe(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<PersonResponse> {
    if (!(await this.unsubscribes.byPersonId(auth.workspaceId, id))) throw new NotFoundException('Person not found');
    return this.people.get(auth.workspaceId, id);
  }

  /** GDPR erasure; irreversible, hence admin only. */
  @Delete(':id')
  @RequireRole('admin')
  @ApiOkResponse({ type: ErasureResponse })
  @ApiErrors(400, 404)
  erase(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<ErasureResponse> {
    return this.erasure.erase(auth.workspaceId, id);
  }
}
