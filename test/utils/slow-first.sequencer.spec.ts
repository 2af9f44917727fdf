import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface FakeTest {
  path: string;
  context: { config: Record<string, unknown>; hasteFS: { getSize(path: string): number } };
  duration?: number;
}
interface Sequencer {
  sort(tests: FakeTest[]): FakeTest[];
  cacheResults(tests: FakeTest[], results: { testResults: unknown[] }): void;
}
// The config's own sequencer (plain JavaScript, as Jest loads it).
const SlowFirstSequencer = jest.requireActual<new (options: object) => Sequencer>('./slow-first.sequencer');
const ROOT = '/repo/';
const fileOf = (test: FakeTest) => test.path.slice(ROOT.length);

describe('the slow-first test sequencer', () => {
  let cacheDirectory: string;
  beforeEach(() => (cacheDirectory = mkdtempSync(join(tmpdir(), 'cairn-sequencer-'))));
  afterEach(() => rmSync(cacheDirectory, { recursive: true, force: true }));

  // Four files as Jest hands them over: the two listed ones are small, as chaos.e2e-spec.ts is.
  const sizes: Record<string, number> = {
    'test/small.spec.ts': 100,
    'test/large.e2e-spec.ts': 50_000,
    'test/chaos.e2e-spec.ts': 900,
    'test/dashboard-settings.e2e-spec.ts': 800,
  };
  function tests(): FakeTest[] {
    const context = {
      config: { rootDir: ROOT, cache: true, cacheDirectory, id: 'slow-first-spec', haste: {} },
      hasteFS: { getSize: (path: string) => sizes[path.slice(ROOT.length)] },
    };
    return Object.keys(sizes).map((file) => ({ path: `${ROOT}${file}`, context }));
  }
  const order = (sorted: FakeTest[]) => sorted.map(fileOf);

  it('without durations (a fresh clone) starts the listed files first, in the list order, then the rest by size', () => {
    expect(order(new SlowFirstSequencer({}).sort(tests()))).toEqual([
      'test/chaos.e2e-spec.ts',
      'test/dashboard-settings.e2e-spec.ts',
      'test/large.e2e-spec.ts',
      'test/small.spec.ts',
    ]);
  });

  it('with the durations of an earlier run keeps Jest’s own order, slowest first', () => {
    const ran = tests();
    const seconds: Record<string, number> = {
      'test/small.spec.ts': 1,
      'test/large.e2e-spec.ts': 90,
      'test/chaos.e2e-spec.ts': 40,
      'test/dashboard-settings.e2e-spec.ts': 5,
    };
    new SlowFirstSequencer({}).cacheResults(ran, {
      testResults: ran.map((test) => ({
        testFilePath: test.path,
        numFailingTests: 0,
        perfStats: { runtime: seconds[fileOf(test)] * 1000 },
      })),
    });
    expect(order(new SlowFirstSequencer({}).sort(tests()))).toEqual([
      'test/large.e2e-spec.ts',
      'test/chaos.e2e-spec.ts',
      'test/dashboard-settings.e2e-spec.ts',
      'test/small.spec.ts',
    ]);
  });
});
