// NestJS 12, nodemailer 10, BullMQ 6, ioredis 6 and several of their dependencies
// ship ES modules only; Jest on Node 20 must transform them (shared notes/toolchain.md).
// Listing every package that declares "type": "module" keeps this right as versions move.
const fs = require('node:fs');
const path = require('node:path');

function esmPackages(dir = path.join(__dirname, 'node_modules')) {
  const names = new Set(['@nestjs', 'nodemailer', 'bullmq', 'ioredis']);
  for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const candidates = entry.startsWith('@') ? fs.readdirSync(path.join(dir, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of candidates) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.add(name);
      } catch {
        // not a package folder
      }
    }
  }
  return [...names].map((name) => name.replace(/[.+]/g, '\\$&'));
}
const esmOnly = esmPackages();
module.exports = {
  // Node's environment, failing a file that leaves a socket, server, process or ref'd timer running (test/utils).
  testEnvironment: '<rootDir>/test/utils/leak-checking.environment.js',
  // Jest's runtime compiling modules so that V8's compilation cache serves a worker's later files: a fifth less time
  // for a few e2e files run together, inside the noise for the whole suite (test/utils/code-cache.runtime.js).
  runtime: '<rootDir>/test/utils/code-cache.runtime.js',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  // *.service-spec.ts: the middle tier, a lib's Nest module on a cloned database without the HTTP app (test/services).
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.service-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  transform: {
    '^.+\\.(t|m?j)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        // Each map handed to Jest as a file of its own, as Jest keeps it anyway: @swc/jest's default inlines it too,
        // which doubled the source V8 compiles per test file (29 -> 15 MB for an e2e file's modules).
        sourceMaps: true,
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // @cairn/<lib> is the lib's index.ts (tsconfig.json's paths); nothing deeper (lint refuses it).
  moduleNameMapper: {
    '^@cairn/([a-z0-9-]+)$': '<rootDir>/libs/$1/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // rxjs's one-file build of the same version instead of its ~230 CommonJS files: every test file that boots Nest
    // loads rxjs afresh (Jest keeps one module registry per file), and each file Jest loads costs resolving,
    // a cache look-up and a compile.
    '^rxjs$': '<rootDir>/node_modules/rxjs/dist/bundles/rxjs.umd.js',
    '^rxjs/operators$': '<rootDir>/test/utils/rxjs-operators.js',
    // The same for class-validator (its bundle holds validator and libphonenumber-js: ~320 files) and
    // es-toolkit/compat, which @nestjs/swagger loads (~430 files).
    '^class-validator$': '<rootDir>/node_modules/class-validator/bundles/class-validator.umd.js',
    '^es-toolkit/compat$': '<rootDir>/node_modules/es-toolkit/dist/browser.global.js',
    '^@prisma/client/runtime/query_compiler_fast_bg\\.postgresql\\.wasm-base64\\.js$': '<rootDir>/test/utils/prisma-wasm-base64.js',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Several files start real API and worker processes (crash, chaos, log and fuzz tests): on a busy 2-core
  // machine one boot can take tens of seconds. A hang still fails, only later.
  testTimeout: 180000,
  // Three workers on the 2-core machine: the files that start processes, crash them or wait out a job lock leave a core
  // idle for seconds at a time, and a third file fills those gaps. Two runs in a row on 2026-12-06 (the same order,
  // from Jest's cache): two workers 741 s wall with the CPU 86 % busy, three 623 s at 99 %. On 30 mid-sized files,
  // which keep their core busy, three gained nothing over two (2026-12-05): more than three would only add contention.
  maxWorkers: 3,
  // A worker's heap once grew by 30-40 MB per e2e file: every file's module registry stayed reachable (prom-client's
  // GC observer, lodash/fp's mark on Buffer.isBuffer), so major GCs marked gigabytes and workers were replaced every
  // ~20 files. The environment (test/utils/leak-checking.environment.js) now lets each registry go; this limit stays
  // as the guard should another library hold one: a worker past it is replaced after its current file.
  workerIdleMemoryLimit: '1GB',
  // A worker exits once its event loop is empty, and Node then frees its heap: up to that 1 GB, which took 0.6 s on an
  // idle machine (an 862 MB heap) and longer beside a busy one. Past Jest's default 500 ms the worker was killed and
  // the run ended with "A worker process has failed to exit gracefully", though no file left anything running
  // (leak-checking.environment.js says so for each file).
  workerGracefulExitTimeout: 10_000,
  // The slowest files first on a fresh clone too (CI), where Jest has no durations to order by.
  testSequencer: '<rootDir>/test/utils/slow-first.sequencer.js',
  reporters: ['default', '<rootDir>/test/utils/slowest-files.reporter.js'],
};
