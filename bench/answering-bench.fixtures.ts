// What the answering benchmarks answer (invitations with response tokens, in the default workspace) and the servers
// they answer through.
import { ChildProcess, fork } from 'node:child_process';
import { extname, join } from 'node:path';
import { Client } from 'pg';
import { randomToken, sha256Hex } from '@cairn/common';
import { nodeRuntimeEnv } from '@cairn/ops';

/** Role "api": the real Cairn API; "raw": the floor (answering-bench.server.ts), in a process of its own. */
export function startBenchServer(role: 'api' | 'raw', env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; origin: string }> {
  // .ts when run from source (node -r ./test/utils/ts-register.js), .js when built; fork keeps the -r.
  const child = fork(join(__dirname, `answering-bench.server${extname(__filename)}`), [role], {
    env: { ...nodeRuntimeEnv(process.env, 'api'), ...env },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, origin: `http://127.0.0.1:${m.port}` }));
    child.once('exit', (code) => reject(new Error(`${role} server exited with ${code}`)));
  });
}

/**
 * One journey with `touchpoints` touchpoints (an NPS survey each), 1,000 people,
 * and `invitations` sent invitations (spread over the people) with a response token each, in two sets:
 * all to touchpoint 1 (the hot-row case: a popular touchpoint answered in the
 * same hours) and spread over every touchpoint.
 */
export async function answeringFixtures(
  db: Client,
  invitations: number,
  touchpoints: number,
): Promise<{ hot: string[]; spread: string[] }> {
  await db.query(`
    INSERT INTO journeys (id, workspace_id, name) SELECT 'bj', id, 'Bench' FROM workspaces WHERE slug = 'default';
    INSERT INTO stages (id, workspace_id, journey_id, name, position) SELECT 'bs', workspace_id, 'bj', 'Delivery', 0 FROM journeys WHERE id = 'bj';
    INSERT INTO touchpoints (id, workspace_id, journey_id, stage_id, name, key, channel)
      SELECT 'bt' || n, workspace_id, 'bj', 'bs', 'Delivery ' || n, 'answers-' || n, 'delivery' FROM journeys, generate_series(1, ${touchpoints}) n WHERE id = 'bj';
    INSERT INTO surveys (id, workspace_id, touchpoint_id, metric, trigger_event)
      SELECT 'bv' || n, workspace_id, 'bt' || n, 'nps', 'answers.bench' FROM journeys, generate_series(1, ${touchpoints}) n WHERE id = 'bj';
    INSERT INTO people (id, workspace_id, email, name, locale, properties)
      SELECT 'bp' || n, workspace_id, 'bench' || n || '@example.com', 'Bench', 'en', '{"plan":"pro"}' FROM journeys, generate_series(1, 1000) n WHERE id = 'bj';
    INSERT INTO invitations (id, workspace_id, survey_id, person_id, status, scheduled_for, sent_at, expires_at)
      SELECT 'bi' || n, workspace_id, CASE WHEN n <= ${invitations} THEN 'bv1' ELSE 'bv' || (1 + n % ${touchpoints}) END, 'bp' || (1 + n % 1000), 'sent', now(), now(), now() + interval '30 days'
      FROM journeys, generate_series(1, ${2 * invitations}) n WHERE id = 'bj';
    CREATE TABLE bench_raw_responses (id bigserial PRIMARY KEY, token text NOT NULL, score int NOT NULL, comment text, created_at timestamptz NOT NULL DEFAULT now());`);
  const tokens = Array.from({ length: 2 * invitations }, () => randomToken());
  for (let i = 0; i < tokens.length; i += 10_000) {
    const part = tokens.slice(i, i + 10_000);
    await db.query(
      `INSERT INTO invitation_tokens (id, invitation_id, kind, token_hash)
       SELECT 'bk' || (n + $2), 'bi' || (n + $2), 'response', h FROM unnest($1::text[]) WITH ORDINALITY AS t(h, n)`,
      [part.map(sha256Hex), i],
    );
  }
  await db.query('VACUUM ANALYZE');
  return { hot: tokens.slice(0, invitations), spread: tokens.slice(invitations) };
}

/** The same request shape for every server: a fresh token per request, so every request creates a response. */
export function feeder(tokens: string[] | null) {
  let i = 0;
  return () => {
    if (tokens && i >= tokens.length) return null;
    const token = tokens ? tokens[i] : `raw-${randomToken()}`;
    return { path: `/r/${token}`, body: JSON.stringify({ score: i % 11, comment: `bench ${i++}` }) };
  };
}
