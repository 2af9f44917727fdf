import { Module } from '@nestjs/common';
import { RedisService } from '@cairn/redis';
import { DevMailStore } from './dev-mail-catcher.store';

/** Gives the API read access to the development catcher's mailbox. */
@Module({
  providers: [
    {
      provide: DevMailStore,
      useFactory: (redis: RedisService) => new DevMailStore(redis.client, redis.key('dev-mail')),
      inject: [RedisService],
    },
  ],
  exports: [DevMailStore],
})
export class DevMailCatcherModule {}
