import { defineConfig } from 'vitest/config'

// Test files are named by kind so each kind can be run alone:
//   *.unit.test.ts         pure functions, no I/O
//   *.integration.test.ts  real HTTP servers, real SQLite files and a real PostgreSQL
//   *.browser.test.ts      the web view in Debian's chromium through playwright-core
export default defineConfig({
  test: {
    include: ['{apps,packages,prisma,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
