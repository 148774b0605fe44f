// The k8s checks on their own: `npx jest -c k8s/test/jest.config.js` (what `npm run
// validate:k8s` runs). The root jest.config.js runs the same project as part of `npm test`.
const path = require('node:path');
const rootDir = path.resolve(__dirname, '..', '..');
module.exports = {
  rootDir,
  displayName: 'k8s',
  testEnvironment: 'node',
  roots: ['<rootDir>/k8s/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
};
