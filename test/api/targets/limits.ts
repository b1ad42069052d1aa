/**
 * Limits the test targets run with where the defaults would make a test slow: failed
 * authentications a minute per address (the default is 1,000; server/middleware/auth-failures.test.ts
 * tests that one on Node).
 */
export const TEST_AUTH_FAIL_LIMIT = 200;
