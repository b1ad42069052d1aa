import { defineConfig } from 'vitest/config';

// Projects: pure unit tests beside their code; the HTTP suite (one suite, run against
// each runtime target); the pane end to end in real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'addin/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api-node',
          include: ['test/api/**/*.test.ts'],
          env: { LOTLEDGER_TARGET: 'node' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The same HTTP suite in workerd over a libSQL server: one sqld and one
        // `wrangler dev --local` for the whole project (worker-setup.ts), plus the
        // Workers-only tests (deploy build, limits, racing posts over HTTP).
        test: {
          name: 'api-worker',
          include: ['test/api/**/*.test.ts', 'test/worker/**/*.test.ts'],
          env: { LOTLEDGER_TARGET: 'worker' },
          globalSetup: ['test/api/targets/worker-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Reliability (issue 8): races, crashes of a real server process, property tests, a
        // fuzzer, access and abuse. One file at a time: they load the machine on purpose.
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The benchmarks' quick mode, so they cannot rot (figures are not asserted).
        test: {
          name: 'bench',
          include: ['test/bench.test.ts'],
          testTimeout: 150_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
