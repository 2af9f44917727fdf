import { createContext, Script } from 'node:vm';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cacheCompiles } = require('./code-cache.runtime') as { cacheCompiles: (executor: FakeExecutor) => void };

type ModuleFunction = (module: { exports: unknown }, exports: unknown, require: unknown, dirname: string, filename: string) => void;
interface FakeExecutor {
  compile: (source: string, filename: string) => ModuleFunction | null;
  injectedModuleParameters: string[];
  environment: { getVmContext: () => object | null };
  resolution: { isCoreModule: (filename: string) => boolean };
  dynamicImport: () => Promise<unknown>;
}

/** Jest 30's executor as far as the runtime uses it, on a real vm context; its own compile records what it was given. */
function executor(context: object | null = createContext({})) {
  const byJest: string[] = [];
  const fake: FakeExecutor = {
    compile: (source, filename) => {
      byJest.push(filename);
      return new Script(`(function (module, exports) {${source}\n})`, { filename }).runInContext(createContext({})) as ModuleFunction;
    },
    injectedModuleParameters: ['module', 'exports', 'require', '__dirname', '__filename'],
    environment: { getVmContext: () => context },
    resolution: { isCoreModule: (filename) => filename === 'fs' },
    dynamicImport: () => Promise.reject(new Error('not here')),
  };
  cacheCompiles(fake);
  return { fake, byJest };
}

function run(fn: ModuleFunction | null, filename: string) {
  const module = { exports: {} as Record<string, unknown> };
  fn!(module, module.exports, require, '/x', filename);
  return module.exports;
}

describe('the code-cache Jest runtime', () => {
  it('is the runtime of the suite', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../jest.config.js') as { runtime: string };
    expect(config.runtime.replace('<rootDir>', join(__dirname, '../..'))).toBe(join(__dirname, 'code-cache.runtime.js'));
  });

  it("runs a module with Jest's parameters, in the test file's context, the same source twice in two contexts", () => {
    const source = 'exports.answer = 6 * 7;\nexports.where = __filename;\nexports.global = typeof probe;';
    const first = executor(createContext({ probe: 1 }));
    expect(run(first.fake.compile(source, '/m/a.js'), '/m/a.js')).toEqual({ answer: 42, where: '/m/a.js', global: 'number' });
    const second = executor(createContext({}));
    expect(run(second.fake.compile(source, '/m/a.js'), '/m/a.js')).toEqual({ answer: 42, where: '/m/a.js', global: 'undefined' });
    expect([...first.byJest, ...second.byJest]).toEqual([]);
  });

  it("keeps a module's line numbers in its stack traces", () => {
    const { fake } = executor();
    const fn = fake.compile('"use strict";\n\nthrow new Error("line three");', '/m/thrower.js');
    expect(() => run(fn, '/m/thrower.js')).toThrow(expect.objectContaining({ stack: expect.stringContaining('/m/thrower.js:3:') }));
  });

  it("leaves core modules, disposed environments and sources it cannot compile to Jest's compile", () => {
    const { fake, byJest } = executor();
    expect(run(fake.compile('exports.core = true;', 'fs'), 'fs')).toEqual({ core: true });
    // A syntax error: Jest's compile words it (here, the fake's own Script throws).
    expect(() => fake.compile('exports.broken = ;', '/m/broken.js')).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    expect(byJest).toEqual(['fs', '/m/broken.js']);
    const disposed = executor(null);
    disposed.fake.compile('exports.x = 1;', '/m/late.js');
    expect(disposed.byJest).toEqual(['/m/late.js']);
  });

  it("refuses an executor that is not Jest 30's, rather than quietly compiling the slow way", () => {
    expect(() => cacheCompiles({} as FakeExecutor)).toThrow(/jest-runtime's module executor has changed/);
  });
});
