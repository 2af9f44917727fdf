// Jest loads this file outside its module system: @cairn/<lib> needs Node's resolver taught first.
import './utils/cairn-alias';
import { runMigrations } from '@cairn/database';
import { adminQuery, databaseUrl } from './utils/test-database';
import { newTestRun } from './utils/redis-prefix';

/** Migrates one template database per run; every test file clones it. */
export default async function globalSetup(): Promise<void> {
  const template = `cairn_tpl_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(`CREATE DATABASE "${template}"`);
  await runMigrations(databaseUrl(template));
  process.env.CAIRN_TEST_TEMPLATE = template;
  // Every Redis prefix of this run carries its id, so globalTeardown can remove what crashed files left.
  newTestRun();
}
