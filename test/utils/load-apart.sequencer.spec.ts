import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from '@jest/test-result';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads the sequencer as CommonJS by path
const LoadApartSequencer = require('./load-apart.sequencer.js');

const TEST_DIR = join(__dirname, '..');
// A Jest test context without its perf cache: Jest's order then falls back to file size.
const context = { config: { cache: false }, hasteFS: { getSize: (path: string) => statSync(path).size } };
const fileTest = (name: string) => ({ path: join(TEST_DIR, name), context }) as unknown as Test;

describe('the test sequencer keeps machine-loading files away from browser files', () => {
  const files = readdirSync(TEST_DIR, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(e2e-|service-)?spec\.ts$/.test(name));
  const order: string[] = new LoadApartSequencer({ contexts: [], globalConfig: {} })
    .sort(files.map(fileTest))
    .map((test: Test) => test.path.slice(TEST_DIR.length + 1));

  it('classes the files by what they start', () => {
    expect(LoadApartSequencer.groupOf(join(TEST_DIR, 'answering-click.e2e-spec.ts'))).toBe(0);
    expect(LoadApartSequencer.groupOf(join(TEST_DIR, 'dashboard.e2e-spec.ts'))).toBe(0);
    expect(LoadApartSequencer.groupOf(join(TEST_DIR, 'answering-recording.e2e-spec.ts'))).toBe(1);
    for (const heavy of ['chaos', 'api-fuzz', 'distribution-crash', 'postgres-restart', 'api-cluster', 'redis-outage']) {
      expect(LoadApartSequencer.groupOf(join(TEST_DIR, `${heavy}.e2e-spec.ts`))).toBe(2);
    }
  });

  it('orders every browser file before every ordinary file, and those before every file that loads the machine', () => {
    const groups = order.map((name) => LoadApartSequencer.groupOf(join(TEST_DIR, name)));
    expect(order).toHaveLength(files.length);
    expect(groups).toEqual([...groups].sort());
    // Two Jest workers: while the last browser file runs, the other worker must get through every ordinary file
    // before it reaches the first heavy one. Each e2e file spends ~3.5 s booting alone, so 50 of them outlast the
    // longest heavy file (75 s in CI).
    expect(groups.filter((group) => group === 1).length).toBeGreaterThan(50);
  });
});
