// Jest loads this file outside its module system: @cairn/<lib> needs Node's resolver taught first.
import './utils/cairn-alias';
import { Client } from 'pg';
import { ADMIN_URL } from './utils/test-database';
import { deleteRunPrefixes } from './utils/redis-prefix';

/** Drops this run's template and any clone a crashed test file left behind, and this run's Redis keys. */
export default async function globalTeardown(): Promise<void> {
  // Redis keys of this run's prefixes that a crashed or worker-lingering file left behind.
  await deleteRunPrefixes(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const template = process.env.CAIRN_TEST_TEMPLATE;
  if (!template) return;
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2', [
      template,
      `${template.replace('_tpl_', '_t_')}_%`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
