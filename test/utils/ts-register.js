// Lets a plain `node` child process run the TypeScript sources the way Jest
// does (swc, decorators with metadata, CommonJS), so tests can start a real,
// separate worker process without a build. Used by worker-process.ts.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createHash } = require('node:crypto');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

// @cairn/<lib> aliases and './x.js' imports of .ts files.
require('./cairn-alias');

// Compiled output is kept by content hash: tests that start (and restart) many
// processes would otherwise compile the whole tree again for each of them.
const CACHE = path.join(os.tmpdir(), 'cairn-ts-register-cache');
fs.mkdirSync(CACHE, { recursive: true });
// Any change to this file (the compiler options) starts a new cache.
const SELF = createHash('sha256').update(fs.readFileSync(__filename)).digest('hex');

Module._extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = path.join(CACHE, `${createHash('sha256').update(SELF).update(filename).update('\0').update(source).digest('hex')}.js`);
  if (fs.existsSync(cached)) return module._compile(fs.readFileSync(cached, 'utf8'), filename);
  const code = compile(source, filename);
  // Written whole, then renamed: processes starting at the same moment never read half a file.
  const partial = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, cached);
  module._compile(code, filename);
};

function compile(source, filename) {
  const { code } = transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  return code;
}
