// Lint: typescript-eslint's recommended rules, Prettier for formatting, and Nx module boundaries
// (tags in each package.json's `nx.tags`) that keep dependencies one way:
//   apps -> records -> clients -> identity -> audit -> platform -> crypto
// with mail (the outbox every feature queues messages in; built on audit, platform and crypto),
// ethics (pure rules) usable by every feature but not by platform, and libs/testing only by
// test files. The rule reads Nx's cached project graph: `npm run lint` computes it first, else the
// rule is skipped without a word.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const PURE = ['type:crypto', 'type:ethics'];
const productionDependencies = {
  'type:app': [
    'feature:records',
    'feature:releases',
    'feature:clients',
    'feature:referrals',
    'feature:identity',
    'feature:audit',
    'type:platform',
    'type:migrations',
    ...PURE,
    'feature:mail',
    'feature:certification',
  ],
  'feature:referrals': [
    'feature:clients',
    'feature:identity',
    'feature:audit',
    'type:platform',
    ...PURE,
    'feature:mail',
  ],
  'feature:records': ['feature:clients', 'feature:identity', 'feature:audit', 'type:platform', ...PURE, 'feature:mail'],
  'feature:releases': [
    'feature:clients',
    'feature:identity',
    'feature:audit',
    'type:platform',
    ...PURE,
    'feature:mail',
  ],
  'feature:clients': [
    'feature:identity',
    'feature:audit',
    'type:platform',
    ...PURE,
    'feature:mail',
    'feature:certification',
  ],
  // Below clients (intake asks for the coach's standing, CERT_AUDIT); never imports clients or records.
  'feature:certification': ['feature:identity', 'feature:audit', 'type:platform', ...PURE, 'feature:mail'],
  'feature:identity': ['feature:audit', 'type:platform', ...PURE, 'feature:mail'],
  'feature:audit': ['type:platform', 'type:crypto'],
  'type:platform': ['type:crypto'],
  'type:testing': ['feature:identity', 'type:platform', 'type:migrations', 'type:crypto'],
  'type:migrations': [],
  // Mail: features queue messages through it; it needs transactions (audit), config and crypto.
  'feature:mail': ['feature:audit', 'type:platform', 'type:crypto'],
  'type:crypto': [],
  'type:ethics': [],
  // The signing page (apps/web) runs in the client's browser: it imports no Haven library.
  'type:app-web': [],
};
// Tests may use libs/testing (and the migrations it applies) on top of what their project may use.
const testDependencies = Object.fromEntries(
  Object.entries(productionDependencies).map(([tag, allowed]) => [
    tag,
    [...allowed, 'type:testing', 'type:migrations'],
  ]),
);
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'];

function moduleBoundaries(dependencies) {
  return {
    // The one cross-app import: `cli schedules:sync` upserts the schedules of the worker's jobs
    // modules, from the worker's own list, so the two cannot drift apart.
    allow: ['../../../worker/src/jobs-modules.js'],
    depConstraints: Object.entries(dependencies).map(([sourceTag, onlyDependOnLibsWithTags]) => ({
      sourceTag,
      onlyDependOnLibsWithTags,
    })),
  };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      '.nx/**',
      'test-results/**',
      'bench/results/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(productionDependencies)],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Test helpers read loosely typed JSON answers; tests, and only tests, may use libs/testing.
    files: TEST_FILES,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(testDependencies)],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
