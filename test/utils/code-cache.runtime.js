// Jest's runtime, compiling each module as a vm.Script instead of with vm.compileFunction, so that V8's compilation
// cache serves every test file after the first in a worker.
//
// Jest gives each test file a fresh module registry, so a worker compiles Nest, Prisma, BullMQ and our libs (~2,400
// modules) again for every e2e file. vm.compileFunction never looks into V8's per-isolate compilation cache; a
// vm.Script of the same source and file name does, in any context of the isolate, and takes the bytecode of the
// functions already run with it (it is shared, not per context). Measured on 2026-12-07:
// - in band, compiling a file's modules took 330 ms for the first file and ~70 ms for each file after it; ten
//   mid-sized e2e files took 27 s instead of 35 s (CPU 29 s instead of 38 s), with the same peak memory;
// - 40 files of 5-15 s on three workers: 322-341 s of file time instead of 370-383 s;
// - the whole suite (three workers, ~80 files each): 1,890-1,976 s of file time against 1,965 s with Jest's own
//   runtime, inside the run-to-run noise (2-3 % less in its files of 5-20 s). Compiling is only ~70 s of it there,
//   and a worker's later files still took 0.15-1.5 s to compile theirs. Holding every script, turning off V8's
//   ageing of its script cache (--no-isolate-script-cache-ageing), or V8's code cache taken after a file's run did
//   no better. Kept for running a few e2e files, where it saves a fifth.
//
// The wrapper is Jest's own from before compileFunction (v25): the module's code sits on the same lines, so stack
// traces and source maps keep their line numbers (only columns of line 1 shift, by the wrapper's length).
// test/utils/code-cache.runtime.spec.ts checks that modules run and locations hold. Should a later Jest move its
// executor, every test file fails with a message saying so, rather than the suite quietly losing the speed.
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

const WRAPPER_KEY = 'Object.<anonymous>';

/** Makes Jest's module executor compile through vm.Script. */
function cacheCompiles(executor) {
  if (typeof executor?.compile !== 'function' || !Array.isArray(executor.injectedModuleParameters)) {
    throw new Error("jest-runtime's module executor has changed: adapt test/utils/code-cache.runtime.js or drop it from jest.config.js");
  }
  const jestCompile = executor.compile.bind(executor);
  const header = `({"${WRAPPER_KEY}":function(${executor.injectedModuleParameters.join(',')}){`;
  executor.compile = (scriptSource, filename) => {
    const vmContext = executor.environment.getVmContext();
    // Node's core modules and anything this cannot compile take Jest's path, which also words the errors.
    if (vmContext == null || executor.resolution.isCoreModule(filename)) return jestCompile(scriptSource, filename);
    let script;
    try {
      script = new vm.Script(`${header}${scriptSource}\n}});`, {
        filename,
        importModuleDynamically: (specifier, _script, importAttributes, ...rest) =>
          executor.dynamicImport(specifier, filename, vmContext, importAttributes, rest[0]),
      });
    } catch {
      return jestCompile(scriptSource, filename);
    }
    return script.runInContext(vmContext)[WRAPPER_KEY];
  };
}

class CodeCacheRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    cacheCompiles(this.executor);
  }
}

module.exports = CodeCacheRuntime;
module.exports.cacheCompiles = cacheCompiles;
