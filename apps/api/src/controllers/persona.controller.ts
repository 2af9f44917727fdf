import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { CreatePersonaDto, UpdatePersonaDto } from '../../../../libs/personas/persona.dto';
import { PersonaService } from '../../../../libs/personas/persona.service';

@ApiTags('personas')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/personas')
export class PersonaController {
  constructor(private readonly personas: PersonaService) {}

  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreatePersonaDto) {
    return this.personas.create(auth.workspaceId, dto);
  }

  @Get()
  list(@Auth() auth: AuthContext) {
    return this.personas.list(auth.workspaceId);
  }

  @Get(':id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.personas.get(auth.workspaceId, id);
  }

  @Patch(':id')
  update(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdatePersonaDto) {
    return this.personas.update(auth.workspaceId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    await this.personas.delete(auth.workspaceId, id);
  }
}
