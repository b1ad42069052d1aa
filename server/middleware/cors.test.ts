import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { cors, corsOriginsFromEnv } from './cors';

const appWith = (origins: string[]) => {
  const app = new Hono<AppEnv>();
  app.use('*', cors(origins));
  app.get('/v1/me', (c) => c.json({ ok: true }));
  app.onError((e, c) => c.json((e as ApiError).toBody(), (e as ApiError).status));
  return app;
};
const preflight = (origin: string) => ({
  method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
});

describe('CORS', () => {
  it('gives a page on another origin no allow headers and refuses its preflight', async () => {
    const app = appWith([]);
    const res = await app.request('/v1/me', { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await app.request('/v1/me', preflight('https://evil.example'));
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await pre.json()) as { error: { message: string } }).error.message).toMatch(/LOTLEDGER_CORS_ORIGINS/);
  });

  it('lets an origin on the allow-list call, and only that one', async () => {
    const app = appWith(['https://intranet.example']);
    const pre = await app.request('/v1/me', preflight('https://intranet.example'));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://intranet.example');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    const res = await app.request('/v1/me', { headers: { origin: 'https://intranet.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://intranet.example');
    expect((await app.request('/v1/me', preflight('https://intranet.example.evil'))).status).toBe(403);
  });

  it('reads LOTLEDGER_CORS_ORIGINS and stops on an entry that is not an origin', () => {
    expect(corsOriginsFromEnv(undefined)).toEqual([]);
    expect(corsOriginsFromEnv(' https://a.example, http://localhost:3000/ ')).toEqual(['https://a.example', 'http://localhost:3000']);
    for (const bad of ['*', 'https://a.example/path', 'intranet']) expect(() => corsOriginsFromEnv(bad)).toThrow(/LOTLEDGER_CORS_ORIGINS/);
  });
});
