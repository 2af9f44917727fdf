// Public surface of libs/redis: other libs, the apps, scripts and tests import it as @cairn/redis.
export * from './redis-unavailable.error';
export * from './redis-unavailable.filter';
export * from './redis.factory';
export * from './redis.module';
export * from './try-again';
