/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // tsconfig.test.json sets isolatedModules, so ts-jest transpiles without type-checking;
    // `npm run typecheck:test` does the checking.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  // Tests run against the topology sources so they do not depend on a prior build.
  moduleNameMapper: {
    '^@shop/topology$': '<rootDir>/../topology/src/index.ts',
  },
  testTimeout: 15000,
};
