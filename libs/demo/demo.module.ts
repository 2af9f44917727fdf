import { Module } from '@nestjs/common';
import { ScoringModule } from '@cairn/scoring';
import { DemoSeeder } from './demo-seeder';
import { DemoRepository } from './demo.repository';

@Module({ imports: [ScoringModule], providers: [DemoSeeder, DemoRepository], exports: [DemoSeeder] })
export class DemoModule {}
