/**
 * LotLedger on Cloudflare Workers: the same app as on Node, over a libSQL server (Turso or
 * sqld) reached by HTTP. The pane's built files are Workers static assets (wrangler.toml),
 * so requests outside /v1 that name a built file never reach this code.
 */
import type { ExecutionContext } from 'hono';
import { createApp } from './app';
import { remoteStore } from './db/remote-store';
import { workerLimits, workersLimitNote, type Limits } from './worker-limits';
import { rateLimitFromEnv } from './middleware/rate-limit';
import { corsOriginsFromEnv } from './middleware/cors';
import { authFailLimitFromEnv } from './middleware/auth-failures';

/** The Worker's environment: vars and secrets (`wrangler secret put`). */
export interface WorkerEnv {
  /** libsql://…, https://… (Turso) or http://127.0.0.1:8080 (a local sqld). */
  DATABASE_URL?: string;
  DATABASE_AUTH_TOKEN?: string;
  /** Overrides of WORKER_LIMITS, for measuring (bench/worker-memory.ts). */
  LOTLEDGER_MAX_ROWS?: string;
  LOTLEDGER_MAX_BODY_BYTES?: string;
  /** Per token, per isolate: `600` a minute, `600:200` with a burst, or `off` (server/middleware/rate-limit.ts). */
  LOTLEDGER_RATE_LIMIT?: string;
  /** Other origins allowed to call from a browser, comma-separated. */
  LOTLEDGER_CORS_ORIGINS?: string;
  /** Failed authentications a minute per client address before 429 (default 1000), or `off`. */
  LOTLEDGER_AUTH_FAIL_LIMIT?: string;
}

type App = ReturnType<typeof createApp>;
let app: App | undefined;
let limits: Limits | undefined;
let builtFor: string | undefined;

/**
 * The app, built once per isolate rather than per request. Migrations are not run here:
 * they run once, from `npx lotledger migrate`, so no request ever pays for them.
 */
function appFor(env: WorkerEnv & { DATABASE_URL: string }): App {
  const key = [env.DATABASE_URL, env.DATABASE_AUTH_TOKEN, env.LOTLEDGER_MAX_ROWS, env.LOTLEDGER_MAX_BODY_BYTES,
    env.LOTLEDGER_RATE_LIMIT, env.LOTLEDGER_CORS_ORIGINS, env.LOTLEDGER_AUTH_FAIL_LIMIT].join('\u0000');
  if (!app || builtFor !== key) {
    const db = remoteStore(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
    limits = workerLimits(env);
    app = createApp({
      store: db, limits, rateLimit: rateLimitFromEnv(env.LOTLEDGER_RATE_LIMIT), corsOrigins: corsOriginsFromEnv(env.LOTLEDGER_CORS_ORIGINS),
      // Cloudflare's edge sets CF-Connecting-IP on every request; a client cannot choose it.
      authFailLimit: authFailLimitFromEnv(env.LOTLEDGER_AUTH_FAIL_LIMIT), addressOf: (c) => c.req.header('cf-connecting-ip'),
    });
    builtFor = key;
  }
  return app;
}

const notConfigured = (message: string) =>
  Response.json({ error: { code: 'not_configured', message } }, { status: 503 });

/** A 413 from the app, with a sentence saying that this deployment's limit is the Workers one. */
async function sayWorkersLimit(res: Response): Promise<Response> {
  if (res.status !== 413) return res;
  const body = (await res.json()) as { error: { code: string; message: string } };
  body.error.message += workersLimitNote(limits!);
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return Response.json(body, { status: 413, headers });
}

/** Bytes of an unread upload read and dropped at most; a bigger flood loses its connection. */
const DRAIN_AT_MOST = 64 * 1024 * 1024;

/**
 * The request with its body passed through a reader this module keeps, so that what the app
 * left unread (a 401/403/415 before the body, a 413 part-way through) can be read and dropped
 * before the answer goes out. Otherwise workerd gives up on the connection while the client is
 * still sending: the client sees a reset socket instead of the answer, or the next request on a
 * kept-alive connection is never answered.
 */
function withDrainableBody(request: Request): { request: Request; drain(): Promise<void> } {
  if (!request.body) return { request, drain: async () => undefined };
  const reader = request.body.getReader();
  let done = false;
  // A reader takes one read at a time: the drain first waits for the app's last one.
  let pending: Promise<unknown> = Promise.resolve();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const read = reader.read();
      pending = read.catch(() => undefined);
      const chunk = await read;
      if (chunk.done) {
        done = true;
        controller.close();
      } else controller.enqueue(chunk.value);
    },
  }, { highWaterMark: 0 });
  return {
    request: new Request(request, { body, duplex: 'half' } as RequestInit),
    async drain() {
      let dropped = 0;
      try {
        await pending;
        while (!done && dropped <= DRAIN_AT_MOST) {
          const chunk = await reader.read();
          if (chunk.done) done = true;
          else dropped += chunk.value.byteLength;
        }
        if (!done) await reader.cancel();
      } catch {
        // the client went away: nothing more to read
      }
    },
  };
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    // As on Node: the site's root opens the pane (a built file never reaches this code).
    if (url.pathname === '/') return Response.redirect(new URL('/taskpane.html', url).href, 302);
    if (!env.DATABASE_URL) {
      return notConfigured('This Worker has no DATABASE_URL: set it with `npx wrangler secret put DATABASE_URL` (docs/DEPLOY.md).');
    }
    let built: App;
    try {
      built = appFor(env as WorkerEnv & { DATABASE_URL: string });
    } catch (err) {
      // e.g. a file: URL, which only the Node entry can open
      return notConfigured(`This Worker cannot use DATABASE_URL: ${(err as Error).message}`);
    }
    const { request: forApp, drain } = withDrainableBody(request);
    const res = await built.fetch(forApp, env, ctx);
    await drain();
    return sayWorkersLimit(res);
  },
};
