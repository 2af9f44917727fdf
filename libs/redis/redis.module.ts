import { Global, Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { createRedis, redisKeyPrefix } from './redis.factory';
import { redisCall } from './redis-unavailable.error';

/** The shared command connection of requests (rate limits, login throttle, health, caches); it fails fast. */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = createRedis(config);
    this.prefix = redisKeyPrefix(config);
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** A command from a request path: a failure or timeout becomes RedisUnavailableError (a 503). */
  run<T>(operation: (client: Redis) => Promise<T>): Promise<T> {
    return redisCall(() => operation(this.client));
  }

  async ping(): Promise<boolean> {
    return (await this.client.ping()) === 'PONG';
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}

@Global()
@Module({ providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
