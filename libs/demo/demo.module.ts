import { Module } from '@nestjs/common';
import { ResponseImportModule } from '@cairn/responses';
import { ScoringModule } from '@cairn/scoring';
import { DemoSeeder } from './demo-seeder';
import { DemoRepository } from './demo.repository';

@Module({ imports: [ScoringModule, ResponseImportModule], providers: [DemoSeeder, DemoRepository], exports: [DemoSeeder] })
export class DemoModule {}
