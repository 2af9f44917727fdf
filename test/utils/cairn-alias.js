// Module resolution for TypeScript sources that Node loads itself rather than Jest: child
// processes started with ts-register.js, and Jest's globalSetup/globalTeardown (Jest's
// moduleNameMapper does the same for test files).
const path = require('node:path');
const Module = require('node:module');

const LIBS = path.join(__dirname, '..', '..', 'libs');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  // @cairn/<lib> is the lib's index.ts (tsconfig.json's paths).
  const alias = /^@cairn\/([a-z0-9-]+)$/.exec(request);
  if (alias) return resolve.call(this, path.join(LIBS, alias[1], 'index.ts'), parent, ...rest);
  try {
    return resolve.call(this, request, parent, ...rest);
  } catch (error) {
    // The generated Prisma client (and some index files) import their siblings as './x.js'.
    if (request.startsWith('.') && request.endsWith('.js')) return resolve.call(this, `${request.slice(0, -3)}.ts`, parent, ...rest);
    throw error;
  }
};
