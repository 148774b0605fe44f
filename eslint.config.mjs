// One lint setup for the whole monorepo, type-aware over sources, tests and benches
// (tsconfig.eslint.json): the promise rules catch a promise nobody awaits or handles. The rest
// of recommendedTypeChecked (no-unsafe-*, ~900 findings, most where tests read untyped
// response bodies) waits for typed clients; see docs/architecture.md, Quality gates.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// What domain code must not load, directly or through the kit's barrel (which loads them all).
const TRANSPORT = ['express', 'express/*', '@grpc/*', '@dapr/*', '@opentelemetry/*', 'pg', 'mongodb', 'ioredis'];
const KIT_TRANSPORT_FREE = ['errors', 'log', 'auth-tokens', 'retry', 'periodic', 'keyed-mutex'];
// The contracts' subpaths domain code may use: the protos' enums as domain values, shared outcome types.
const CONTRACTS_TRANSPORT_FREE = ['statuses', 'reservation'];

export default tseslint.config(
  // Generated from proto/ (npm run contracts): not ours to style.
  { ignores: ['**/dist/**', '**/node_modules/**', '.run/**', 'coverage/**', 'libraries/contracts/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
      globals: {
        process: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        AbortSignal: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        clearTimeout: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  {
    // The domain layer stays free of transport and Dapr: the kit reaches it only through its
    // transport-free subpaths, never the barrel.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@shop/service-kit',
              message: `The barrel loads express, gRPC, Dapr and OpenTelemetry; import @shop/service-kit/{${KIT_TRANSPORT_FREE.join(',')}} instead.`,
            },
            {
              name: '@shop/contracts',
              message: `The barrel loads gRPC; import @shop/contracts/{${CONTRACTS_TRANSPORT_FREE.join(',')}} instead.`,
            },
          ],
          patterns: [
            { group: TRANSPORT, message: 'Transport and store drivers belong in entry-points/ or data-access/.' },
            {
              regex: `^@shop/service-kit/(?!(${KIT_TRANSPORT_FREE.join('|')})$)`,
              message: 'Only the kit subpaths without transport imports may be used in domain/.',
            },
            {
              regex: `^@shop/contracts/(?!(${CONTRACTS_TRANSPORT_FREE.join('|')})$)`,
              message: 'Only the contracts subpaths without transport imports may be used in domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The kit's transport-free subpaths must stay so, or every domain file would load transport.
    files: [
      ...KIT_TRANSPORT_FREE.map((m) => `libraries/service-kit/src/${m === 'auth-tokens' ? 'auth/token-format' : m}.ts`),
      ...CONTRACTS_TRANSPORT_FREE.map((m) => `libraries/contracts/src/${m}.ts`),
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: TRANSPORT, message: 'This kit subpath is imported by domain code: keep it transport-free.' },
          ],
        },
      ],
    },
  },
);
