// One jest run across all workspaces. `unit` projects run in parallel; the `e2e` project
// starts the real stack (test profile) once and runs its files one at a time.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }];
const unit = (name, dir) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: [`<rootDir>/${dir}`],
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/e2e/'],
  transform: { '^.+\\.ts$': tsJest },
});

module.exports = {
  // Name order (e2e's 99-readiness stops the stores, so it runs last).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  projects: [
    unit('contracts', 'libraries/contracts'),
    unit('service-kit', 'libraries/service-kit'),
    unit('api', 'libraries/api'),
    ...['gateway', 'product', 'user', 'order', 'auth', 'console'].map((s) => unit(s, `services/${s}`)),
    unit('k8s', 'k8s'),
    // Checks over the repository itself (the service anatomy).
    unit('repo', 'test/repo'),
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.js'],
    },
    {
      // Fault injection (test/faults): its own stack with toxiproxy in front of every store.
      // `npm run test:faults` runs it whole (SHOP_FAULTS=full); `npm test` its fast subset.
      displayName: 'faults',
      rootDir: __dirname,
      testEnvironment: 'node',
      roots: ['<rootDir>/test/faults'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/support/faults-global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-setup.js'],
    },
  ],
};
