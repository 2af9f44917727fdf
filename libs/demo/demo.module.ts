import { Module } from '@nestjs/common';
import { RollupRepository } from '@cairn/scoring';
import { DemoSeeder } from './demo-seeder';

@Module({ providers: [DemoSeeder, RollupRepository], exports: [DemoSeeder] })
export class DemoModule {}
