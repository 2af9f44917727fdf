import { Module } from '@nestjs/common';
import { PersonaRepository } from './persona.repository';
import { PersonaService } from './persona.service';

@Module({ providers: [PersonaRepository, PersonaService], exports: [PersonaService] })
export class PersonasModule {}
