import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthFailures, authFailLimitFromEnv, DEFAULT_AUTH_FAIL_LIMIT } from './auth-failures';
import { configFromEnv, startNodeServer } from '../node';

describe('failed authentications per address', () => {
  it('block an address at the limit until its minute is over', () => {
    const f = new AuthFailures(3);
    for (let i = 0; i < 3; i++) {
      expect(f.wait('a', 1000)).toBe(0);
      f.fail('a', 1000 + i);
    }
    expect(f.wait('a', 2000)).toBe(59_000);
    expect(f.wait('b', 2000)).toBe(0);
    expect(f.wait('a', 61_000)).toBe(0);
    f.fail('a', 61_000);
    expect(f.wait('a', 61_001)).toBe(0); // a new minute starts from nothing
  });

  it('remember a bounded number of addresses', () => {
    const f = new AuthFailures(1);
    for (let i = 0; i < 60_000; i++) f.fail(`10.0.${i >> 8}.${i & 255}`, i);
    expect(f.size).toBeLessThanOrEqual(50_000);
    expect(f.wait('10.0.234.95', 60_000)).toBeGreaterThan(0); // the newest is still held
  });

  it('read LOTLEDGER_AUTH_FAIL_LIMIT: a whole number or off, anything else stops the start', () => {
    expect(authFailLimitFromEnv(undefined)).toBe(DEFAULT_AUTH_FAIL_LIMIT);
    expect(authFailLimitFromEnv('50')).toBe(50);
    expect(authFailLimitFromEnv('off')).toBe(false);
    expect(() => authFailLimitFromEnv('lots')).toThrow(/LOTLEDGER_AUTH_FAIL_LIMIT=lots/);
    expect(configFromEnv({ LOTLEDGER_AUTH_FAIL_LIMIT: '20' }).authFailLimit).toBe(20);
    expect(() => configFromEnv({ LOTLEDGER_AUTH_FAIL_LIMIT: '0' })).toThrow(/LOTLEDGER_AUTH_FAIL_LIMIT=0/);
  });

  it('on a Node server with the default settings: 1,000 answer 401, the next 429 with Retry-After', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-authfail-'));
    const server = await startNodeServer({ port: 0, databaseUrl: `file:${path.join(dir, 'ledger.db')}`, adminToken: 'auth-fail-default-admin-01' });
    try {
      const statuses: Record<number, number> = {};
      let sent = 0;
      await Promise.all(Array.from({ length: 10 }, async () => {
        while (sent < DEFAULT_AUTH_FAIL_LIMIT) {
          sent++;
          const res = await fetch(`${server.url}/v1/items`, { headers: { authorization: `Bearer ll_guess_${sent}` } });
          await res.arrayBuffer();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }));
      expect(statuses).toEqual({ 401: 1000 });
      const next = await fetch(`${server.url}/v1/me`, { headers: { authorization: 'Bearer auth-fail-default-admin-01' } });
      expect(next.status).toBe(429);
      expect(((await next.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
      expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
