// One server under test, run in a child process of answering-bench so the
// load generator never shares its event loop. Role "api": the real Cairn API
// (createApiApp). Role "raw": the floor — node:http + a pg Pool doing one
// INSERT per request, nothing else.
import 'reflect-metadata';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { createApiApp } from '../apps/api/src/create-api-app';
import { loadConfig } from '@cairn/config';
import { RateLimitPolicy } from '@cairn/rate-limit';

async function api(): Promise<number> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'warn', CAIRN_MIGRATE_ON_START: 'false' });
  const app = await createApiApp({ config });
  // Every request comes from this one address; the per-token limit stays on.
  const policy = app.get(RateLimitPolicy);
  policy.override('answer-submit', { subject: policy.get('answer-submit').subject });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.getHttpServer().address() as AddressInfo).port;
}

async function raw(): Promise<number> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const token = (req.url ?? '').split('/').pop();
      const { score, comment } = JSON.parse(body) as { score: number; comment?: string };
      pool
        .query('INSERT INTO bench_raw_responses (token, score, comment) VALUES ($1, $2, $3) RETURNING id', [token, score, comment ?? null])
        .then(
          (result) => {
            res.writeHead(201, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ id: result.rows[0].id }));
          },
          () => {
            res.writeHead(500);
            res.end();
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

(process.argv[2] === 'raw' ? raw() : api()).then(
  (port) => process.send?.({ port }),
  (error: Error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  },
);
