import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ApiKeyService } from '@cairn/auth';
import { AppConfig, loadConfig } from '@cairn/config';
import { PrismaService } from '@cairn/database';
import { WorkspaceRepository } from '@cairn/workspace';
import { createTestDatabase } from './test-database';
import { deleteRedisPrefix, redisEnv, testRedisConnection, testRedisPrefix } from './redis-prefix';

export interface TestContext {
  app: NestFastifyApplication;
  config: AppConfig;
  prisma: PrismaService;
  apiKey: string;
  workspaceId: string;
  http: () => TestAgent;
  /** GET/POST… with the default workspace's admin key. */
  api: (method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, key?: string) => request.Test;
  createWorkspace: (slug: string) => Promise<{ workspaceId: string; apiKey: string }>;
  close: () => Promise<void>;
}

/** Config of one test file: its own database and its own Redis key prefix. */
export function testConfig(databaseUrl: string, overrides: Partial<AppConfig> = {}): AppConfig {
  const base = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: testRedisPrefix(),
    // The run's Redis: REDIS_URL, or the Redis Cluster of `npm run test:redis-cluster` (REDIS_CLUSTER_NODES).
    ...redisEnv(testRedisConnection()),
    CAIRN_BOOTSTRAP_API_KEY: `cairn_test_${randomBytes(16).toString('hex')}`,
    CAIRN_ADMIN_PASSWORD: 'correct horse battery',
    LOG_LEVEL: 'warn',
    CAIRN_MIGRATE_ON_START: 'false',
    WEBHOOK_ALLOW_PRIVATE: '127.0.0.1/32,::1/128',
    // Tests play the part of a proxy on loopback to give each request its own client address.
    TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    // Real argon2id at 1 MiB instead of 64: tests log in hundreds of times (refused in production).
    ARGON2_MEMORY_COST: '1024',
  });
  return { ...base, ...overrides };
}

export async function startTestApi(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const db = await createTestDatabase();
  const config = testConfig(db.url, overrides);
  const app = await createApiApp({ config });
  const server = app.getHttpServer();
  const prisma = app.get(PrismaService);
  const workspace = await app.get(WorkspaceRepository).findBySlug('default');
  const http = () => request(server);
  return {
    app,
    config,
    prisma,
    apiKey: config.bootstrapApiKey!,
    workspaceId: workspace!.id,
    http,
    api: (method, path, key = config.bootstrapApiKey!) => http()[method](path).set('Authorization', `Bearer ${key}`),
    createWorkspace: async (slug) => {
      const ws = await app.get(WorkspaceRepository).ensure(slug, slug);
      const key = await app.get(ApiKeyService).create(ws.id, 'test', 'admin');
      return { workspaceId: ws.id, apiKey: key.key };
    },
    close: async () => {
      await app.close();
      await db.drop();
      // The file's keys go with it; a worker still running on the prefix is caught by globalTeardown.
      await deleteRedisPrefix(config, config.redisPrefix);
    },
  };
}
