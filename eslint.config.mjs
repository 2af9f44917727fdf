// @ts-check
// ESLint 9 flat config. Rules are chosen to catch bugs (promises nobody awaits,
// loose equality, dead variables, stray console output), not to restyle code:
// layout is Prettier's job.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Lib boundaries (issue 11): another lib is reached only as @cairn/<lib>, its index.ts, never
// through its internals or a relative path; scripts/check-lib-cycles.js (also run by `npm run
// lint`) refuses cycles between libs.
const DEEP_ALIAS = { group: ['@cairn/*/**'], message: 'Import @cairn/<lib> (its index.ts), not its internals.' };
const outOfLib = (ups) => ({
  // Out of the own lib folder: into another lib (test/ utilities are not a lib).
  regex: `^(\\.\\./){${ups}}(?!\\.\\./test/)`,
  message: 'Import another lib as @cairn/<lib>; relative imports stay inside one lib.',
});
const INTO_LIBS = { regex: '^\\.\\.?/(\\.\\./)*libs/', message: 'Import a lib as @cairn/<lib>, not by a relative path.' };
// Only repositories touch the database (issue 11 point 4): PrismaService and the generated
// client's PrismaClient and Prisma namespace are for *.repository.ts files and libs/database.
const PRISMA = {
  name: '@cairn/database',
  importNames: ['PrismaService', 'PrismaClient', 'Prisma'],
  message: 'Only *.repository.ts files (and libs/database) use Prisma; go through a repository.',
};
const boundaries = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns: [DEEP_ALIAS, ...patterns], paths }] });

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'reports/',
      'test-output/',
      '.stryker-tmp/',
      '.scratch-*/',
      'libs/database/generated/',
    ],
  },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }], // `x == null` is the one idiom that means "null or undefined"
      'no-console': 'error', // processes log through pino (scrubbed); scripts, benchmarks and tests are exempt below
      'no-control-regex': 'off', // the input guards match NUL and control characters on purpose, to refuse them
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }], // a timer declared before the closure that clears it
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'off', // async handlers without await are how Fastify hooks and Nest providers are written here
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Nest modules and DI tokens are classes without members by design.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  { files: ['libs/*/*.ts'], rules: boundaries([outOfLib(1)], [PRISMA]) },
  { files: ['libs/*/*/*.ts'], rules: boundaries([outOfLib(2)], [PRISMA]) },
  { files: ['apps/**/*.ts'], rules: boundaries([INTO_LIBS], [PRISMA]) },
  { files: ['scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'], rules: boundaries([INTO_LIBS]) },
  // Repositories, the database lib itself and unit specs may use Prisma.
  { files: ['libs/*/*.repository.ts', 'libs/*/*.spec.ts', 'libs/database/*.ts'], rules: boundaries([outOfLib(1)]) },
  { files: ['apps/**/*.repository.ts', 'apps/**/*.spec.ts'], rules: boundaries([INTO_LIBS]) },
  {
    // The dashboard (plain ES modules) and the scripts the widget and answer page run in browsers.
    files: ['apps/web/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },
  {
    files: ['apps/web/embed/**/*.js'],
    languageOptions: { sourceType: 'script' }, // classic <script>s on other sites' pages, not modules
  },
  {
    files: ['**/*.cjs', 'scripts/*.js', 'jest.config.js', 'jest.*.config.js', 'test/utils/*.js'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Command-line tools print to the terminal on purpose.
    files: ['scripts/**', 'bench/**', 'test/**', '**/*.spec.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read bodies received from outside (webhooks, Delighted's client) loosely in their assertions.
    files: ['test/**', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Playwright polls the predicate's return value for truthiness: an async predicate returns a promise, truthy at
    // once, so the wait would not wait (a CI flake in dashboard-improvements came from exactly that).
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='waitForFunction'] > :function[async=true]",
          message: 'waitForFunction does not await its predicate: poll from the test (waitFor) or use a synchronous predicate.',
        },
      ],
    },
  },
);
