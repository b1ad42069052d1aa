/**
 * CORS: the task pane is served by the API's own server, so it never needs CORS. A page on
 * another origin gets no Access-Control-Allow-* headers (the browser hides the answer from
 * it) and its preflights are refused with 403, unless its origin is on the allow-list
 * (`LOTLEDGER_CORS_ORIGINS`, comma-separated, e.g. a Power BI or intranet page).
 * Bearer tokens, not cookies, carry identity, so a request the browser sends without a
 * preflight cannot act for a user either.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

const ALLOW_METHODS = 'GET, POST, DELETE';
const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key';

/**
 * Reads `LOTLEDGER_CORS_ORIGINS`: origins like `https://intranet.example.com`, comma-separated.
 * Throws a sentence for an entry that is not an origin (a path, a `*`), so a bad setting stops the start.
 * @example corsOriginsFromEnv('https://a.example, http://localhost:3000') // ['https://a.example', 'http://localhost:3000']
 */
export function corsOriginsFromEnv(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => {
    let origin: string | null = null;
    try { origin = new URL(s).origin; } catch { /* not a URL */ }
    if (origin === null || origin === 'null' || origin !== s.replace(/\/$/, '')) {
      throw new Error(`LOTLEDGER_CORS_ORIGINS names '${s}', which is not an origin; write scheme://host[:port], e.g. https://intranet.example.com.`);
    }
    return origin;
  });
}

/**
 * Answers preflights and adds allow headers for listed origins only.
 * @example app.use('*', cors(['https://intranet.example.com']))
 */
export function cors(allowed: readonly string[]) {
  const allow = new Set(allowed);
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    const preflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    const listed = origin !== undefined && allow.has(origin);
    if (preflight) {
      if (!listed) {
        throw new ApiError('forbidden',
          `Requests from ${origin ?? 'a page without an origin'} are not allowed; the task pane is served by this server itself. An admin can allow another origin with LOTLEDGER_CORS_ORIGINS.`);
      }
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    if (listed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After');
      c.res.headers.append('Vary', 'Origin');
    }
  });
}
