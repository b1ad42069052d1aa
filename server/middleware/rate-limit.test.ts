import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { rateLimit, rateLimitFromEnv, TokenBuckets } from './rate-limit';

describe('the per-token rate limit', () => {
  it('lets a burst through, then refills at the set rate', () => {
    const b = new TokenBuckets({ perMinute: 60, burst: 3 });
    expect([b.take('t', 0), b.take('t', 0), b.take('t', 0)]).toEqual([0, 0, 0]);
    expect(b.take('t', 0)).toBe(1000); // one a second: the next in 1 s
    expect(b.take('t', 500)).toBe(500);
    expect(b.take('t', 1000)).toBe(0);
  });

  it('counts each token apart, so one busy script does not slow a clerk', () => {
    const b = new TokenBuckets({ perMinute: 60, burst: 1 });
    expect(b.take('script', 0)).toBe(0);
    expect(b.take('script', 0)).toBeGreaterThan(0);
    expect(b.take('clerk', 0)).toBe(0);
  });

  it('never saves up more than the burst however long a token was idle', () => {
    const b = new TokenBuckets({ perMinute: 600, burst: 2 });
    b.take('t', 0);
    const later = 24 * 3600 * 1000;
    expect([b.take('t', later), b.take('t', later)]).toEqual([0, 0]);
    expect(b.take('t', later)).toBeGreaterThan(0);
  });

  it('forgets idle tokens once many are kept, so memory stays bounded', () => {
    const b = new TokenBuckets({ perMinute: 600, burst: 5 });
    for (let i = 0; i <= 10_001; i++) b.take(`t${i}`, i < 10_000 ? 0 : 60_000);
    expect(b.size).toBeLessThan(10);
  });

  it('reads LOTLEDGER_RATE_LIMIT and stops on a setting it cannot read', () => {
    expect(rateLimitFromEnv(undefined)).toEqual({ perMinute: 600, burst: 200 });
    expect(rateLimitFromEnv('120')).toEqual({ perMinute: 120, burst: 120 });
    expect(rateLimitFromEnv('1200:300')).toEqual({ perMinute: 1200, burst: 300 });
    expect(rateLimitFromEnv('off')).toBe(false);
    for (const bad of ['fast', '0', '10:0', '-5', '600/min']) expect(() => rateLimitFromEnv(bad)).toThrow(/LOTLEDGER_RATE_LIMIT/);
  });

  it('answers 429 rate_limited with Retry-After in whole seconds', async () => {
    let clock = 0;
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => { c.set('auth', { workspaceId: 1, workspace: 'w', role: 'clerk', tokenName: 'pat' }); await next(); });
    app.use('*', rateLimit({ perMinute: 6, burst: 2 }, () => clock));
    app.get('/x', (c) => c.json({ ok: true }));
    app.onError((e, c) => c.json((e as ApiError).toBody(), (e as ApiError).status, (e as ApiError).headers));
    expect((await app.request('/x')).status).toBe(200);
    expect((await app.request('/x')).status).toBe(200);
    const refused = await app.request('/x');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    clock = 10_000;
    expect((await app.request('/x')).status).toBe(200);
  });
});
