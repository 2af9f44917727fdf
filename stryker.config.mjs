// Mutation testing of the pure, central modules (issue 21 point 4): `npm run mutate`.
// Too slow for CI's default path; run it weekly or after changing one of these
// modules (`npm run mutate -- --mutate libs/alerts/rule-matcher.ts` for one file).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jestConfig = require('./jest.config.js');

// Only the unit specs beside the mutated modules: no database, no Redis, fast.
// Jest loads every listed spec file for every mutant, so for one module name its specs
// (STRYKER_SPECS=libs/scoring/*.spec.ts): several times faster on a busy machine.
const allSpecs = [
  'libs/scoring/*.spec.ts',
  'libs/distribution/fatigue.policy.spec.ts',
  'libs/webhooks/webhook-retry-policy.spec.ts',
  'libs/webhooks/ssrf-guard.spec.ts',
  'libs/webhooks/ssrf-guard.edges.spec.ts',
  'libs/webhooks/ssrf-ranges.spec.ts',
  'libs/webhooks/webhook-sender.ssrf.spec.ts', // the pinned lookup, against a loopback server on a free port
  'libs/privacy/redact.spec.ts',
  'libs/privacy/redact-repeats.spec.ts',
  'libs/alerts/rule-matcher.spec.ts',
  'libs/alerts/score-window.spec.ts',
];
const specs = process.env.STRYKER_SPECS ? process.env.STRYKER_SPECS.split(',') : allSpecs;

export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  mutate: [
    'libs/scoring/*.ts',
    '!libs/scoring/*.spec.ts',
    '!libs/scoring/index.ts',
    '!libs/scoring/rollup.repository.ts', // database I/O: covered by the e2e suites, not by unit specs
    '!libs/scoring/scoring.module.ts', // Nest wiring only
    'libs/distribution/fatigue.policy.ts',
    'libs/webhooks/webhook-retry-policy.ts',
    'libs/webhooks/ssrf-guard.ts',
    'libs/privacy/redact.ts',
    'libs/alerts/rule-matcher.ts',
    'libs/alerts/score-window.ts',
  ],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    config: {
      ...jestConfig,
      roots: ['<rootDir>/libs'],
      testMatch: specs.map((glob) => `<rootDir>/${glob}`),
      // The e2e template database is not needed by unit specs (null: the runner merges over jest.config.js).
      globalSetup: null,
      globalTeardown: null,
    },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  // The machine's two cores are shared with other work.
  concurrency: 2,
  timeoutMS: 10000,
  // Copy into the sandbox only what the specs need. The generated Prisma client stays in: specs that
  // import a lib through its index (`@cairn/scoring`) load the lib's repositories, and with them the client.
  ignorePatterns: ['/*', '!/libs', '!/jest.config.js', '!/package.json', '!/tsconfig.json'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 85, break: null },
};
