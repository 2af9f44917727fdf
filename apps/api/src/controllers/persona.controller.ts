import { Body, Controller, Delete, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { CreatePersonaDto, UpdatePersonaDto, PersonaService, PersonaListResponse, PersonaResponse } from '@cairn/personas';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('personas')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/personas')
export class PersonaController {
  constructor(private readonly personas: PersonaService) {}

  @Post()
  @ApiCreatedResponse({ type: PersonaResponse })
  @ApiErrors(400, 409)
  create(@Auth() auth: AuthContext, @Body() dto: CreatePersonaDto): Promise<PersonaResponse> {
    return this.personas.create(auth.workspaceId, dto);
  }

  @Get()
  @ApiOkResponse({ type: PersonaListResponse })
  list(@Auth() auth: AuthContext): Promise<PersonaListResponse> {
    return this.personas.list(auth.workspaceId);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonaResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<PersonaResponse> {
    return this.personas.get(auth.workspaceId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PersonaResponse })
  @ApiErrors(400, 404, 409)
  update(@Auth() auth: AuthContext, @UuidParam() id: string, @Body() dto: UpdatePersonaDto): Promise<PersonaResponse> {
    return this.personas.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404)
  async delete(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<void> {
    await this.personas.delete(auth.workspaceId, id);
  }
}
