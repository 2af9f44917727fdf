import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@cairn/auth';
import { Clock } from '@cairn/common';
import { AppConfig, ConfigModule } from '@cairn/config';
import { DatabaseModule } from '@cairn/database';
import { JobsModule } from '@cairn/jobs';
import { OutboxModule } from '@cairn/outbox';
import { RedisModule } from '@cairn/redis';
import { WorkspaceModule } from '@cairn/workspace';

/** What both apps share: config, database, Redis, queues, the outbox, auth and workspaces. */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [ConfigModule.forRoot(config), DatabaseModule, RedisModule, JobsModule, OutboxModule, AuthModule, WorkspaceModule],
      providers: [Clock],
      exports: [Clock],
    };
  }
}
