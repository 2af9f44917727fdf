import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A test file's module registry must be collectable once its environment is torn down; otherwise every file's Nest,
// Prisma and BullMQ stay in the Jest worker's heap until it ends (30-40 MB a file) and each major GC marks them all.
//
// In a Node process of its own: loading the environment into this file's registry would wrap the worker's shared
// PerformanceObserver.prototype.observe a second time.
const PROBE = `
const vm = require('node:vm');
const { PerformanceObserver } = require('node:perf_hooks');
const Environment = require(process.argv[1]);
const holds = process.argv[2].split(',');

async function collected() {
  let env = new Environment(
    { projectConfig: { testEnvironmentOptions: {}, globals: {} }, globalConfig: {} },
    { testPath: 'probe.spec.ts', console, docblockPragmas: {} },
  );
  await env.setup();
  env.global.probe = { PerformanceObserver, Buffer, holds };
  // What a file's modules do: closures made in its context, left on objects the whole worker shares.
  vm.runInContext(
    "if (probe.holds.includes('observer')) new probe.PerformanceObserver(() => {}).observe({ entryTypes: ['gc'] });" +
      "if (probe.holds.includes('isBuffer')) probe.Buffer.isBuffer.convert = function convert() {};",
    env.getVmContext(),
  );
  const global = new WeakRef(env.global);
  await env.teardown();
  env = null;
  for (let i = 0; i < 20 && global.deref(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
  }
  return global.deref() === undefined;
}
collected().then((yes) => process.stdout.write(yes ? 'collected' : 'kept'));
`;

async function afterTeardown(holds: string[]): Promise<string> {
  const environment = join(__dirname, 'leak-checking.environment.js');
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '-e', PROBE, environment, holds.join(',')], {
    cwd: join(__dirname, '../..'),
  });
  return stdout;
}

describe("the test environment lets go of a file's context", () => {
  it('when the file left nothing on shared objects (the probe itself can see a context collected)', async () => {
    expect(await afterTeardown([])).toBe('collected');
  });

  it('when the file started a PerformanceObserver (prom-client does, with every API app) and never stopped it', async () => {
    expect(await afterTeardown(['observer'])).toBe('collected');
  });

  it("when the file's lodash/fp marked the worker's Buffer.isBuffer with a closure", async () => {
    expect(await afterTeardown(['isBuffer'])).toBe('collected');
  });
});
