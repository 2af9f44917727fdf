// Jest maps Prisma's query compiler module here (jest.config.js) and this reads the same base64 text as data. The
// module itself is a 4.6 MB JavaScript file holding one string literal, which each test file's module registry
// would otherwise parse and compile again: 150 ms to load it in a test file, 84 ms through this (2026-12-05).
const fs = require('node:fs');
const path = require('node:path');

// Through package.json: require.resolve of the module itself would be mapped back to this file.
const file = path.join(
  path.dirname(require.resolve('@prisma/client/package.json')),
  'runtime',
  'query_compiler_fast_bg.postgresql.wasm-base64.js',
);
const source = fs.readFileSync(file, 'utf8');
const start = source.indexOf('"') + 1;
module.exports = { wasm: source.slice(start, source.indexOf('"', start)) };
