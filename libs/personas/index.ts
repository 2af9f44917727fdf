// Public surface of libs/personas: other libs, the apps, scripts and tests import it as @cairn/personas.
export * from './persona.dto';
export * from './persona.response';
export * from './persona.service';
export * from './personas.module';
export * from './persona-filters.validator';
