// npm run bench — runs every benchmark one after the other (each prints its
// figures as ratios against a raw baseline measured in the same run).
// One only: npm run bench -- scores   (names: distribution, answering, webhooks, scores, comments)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = ['distribution', 'answering', 'webhooks', 'scores', 'comments'];
const wanted = process.argv.slice(2).filter((name) => BENCHES.includes(name));
let failed = 0;
for (const name of wanted.length ? wanted : BENCHES) {
  process.stdout.write(`\n=== bench: ${name} ===\n`);
  const result = spawnSync(process.execPath, [join(__dirname, `${name}-bench.js`)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
