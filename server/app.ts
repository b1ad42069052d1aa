/**
 * The LotLedger HTTP API as one Hono app, built around the database it is handed, so the
 * same app runs on Node (embedded file) and on Workers (libSQL over HTTP). Runtime-neutral:
 * no node: imports here; static files are the entry points' business.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import type { LedgerStore } from './db/port';
import type { AppEnv } from './env';
import { ApiError, busyError } from './errors';
import { LedgerError } from './ledger/errors';
import { isBusy } from './db/busy';
import { bearerAuth } from './auth/roles';
import { healthRoutes } from './routes/health';
import { openApiRoutes } from './routes/openapi';
import { meRoutes } from './routes/me';
import { itemRoutes } from './routes/items';
import { locationRoutes } from './routes/locations';
import { partyRoutes } from './routes/parties';
import { tokenRoutes } from './routes/tokens';
import { batchRoutes, type BatchPoster } from './routes/batches';
import { traceRoutesAt } from './routes/trace';
import { reportRoutesAt } from './routes/reports';
import { exportRoutesAt } from './routes/exports';
import { lookupRoutes } from './routes/lookup';
import { holdRoutes } from './routes/holds';
import { pickListRoutes } from './routes/pick-lists';
import { DEFAULT_RATE_LIMIT, rateLimit, type RateLimit } from './middleware/rate-limit';
import { cors } from './middleware/cors';
import { jsonWrites } from './middleware/content-type';
import { authFailureLimit, DEFAULT_AUTH_FAIL_LIMIT, type AddressOf } from './middleware/auth-failures';

export interface AppOptions {
  store: LedgerStore;
  limits?: { maxRows?: number; maxBodyBytes?: number };
  now?: () => Date;
  /** Per-token limit (default 600 a minute, bursts of 200); false turns it off. */
  rateLimit?: RateLimit | false;
  /** Other origins allowed to call the API from a browser (the pane itself is same-origin). */
  corsOrigins?: readonly string[];
  /** Failed authentications a minute from one address before it gets 429 (default 1,000); false: off. */
  authFailLimit?: number | false;
  /** The client's address, as the runtime knows it (the socket on Node, CF-Connecting-IP on Workers). */
  addressOf?: AddressOf;
  /**
   * A full garbage collection (Node: server/full-collection.ts), which a large post asks for
   * halfway through its write; none on Workers, whose posts are a fifth the size.
   */
  collect?: () => void;
  /** Where batch posts run, if not on the thread that serves the request (Node: a post thread). */
  posts?: BatchPoster;
}

export const DEFAULT_MAX_ROWS = 100_000;
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

const megabytes = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;

/**
 * Builds the API: /v1/health open, everything else behind a bearer token.
 * @example serve({ fetch: createApp({ store }).fetch, port: 8787 })
 */
export function createApp(opts: AppOptions): Hono<AppEnv> {
  const maxRows = opts.limits?.maxRows ?? DEFAULT_MAX_ROWS;
  const maxBodyBytes = opts.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = opts.now ?? (() => new Date());
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('store', opts.store);
    await next();
  });
  app.use('*', cors(opts.corsOrigins ?? []));

  const v1 = new Hono<AppEnv>();
  // Counts the bytes as they stream in, so a lying or missing Content-Length cannot get past it.
  v1.use('*', bodyLimit({
    maxSize: maxBodyBytes,
    // The rest of the upload is never read, so the connection cannot carry another request.
    onError: () => {
      throw new ApiError('too_large', `The request body is larger than ${megabytes(maxBodyBytes)}, the most this server accepts; post the sheet in parts.`,
        undefined, { Connection: 'close' });
    },
  }));
  v1.route('/', healthRoutes);
  v1.route('/', openApiRoutes);
  const authFailLimit = opts.authFailLimit ?? DEFAULT_AUTH_FAIL_LIMIT;
  if (authFailLimit) v1.use('*', authFailureLimit(authFailLimit, opts.addressOf ?? (() => undefined)));
  v1.use('*', bearerAuth);
  // After auth, so it counts per token.
  const limit = opts.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit) v1.use('*', rateLimit(limit));
  v1.use('*', jsonWrites);
  v1.route('/', meRoutes);
  v1.route('/', itemRoutes(maxRows));
  v1.route('/', locationRoutes(maxRows));
  v1.route('/', partyRoutes(maxRows));
  v1.route('/', tokenRoutes(now));
  v1.route('/', batchRoutes({ maxRows, now, collect: opts.collect, posts: opts.posts }));
  v1.route('/', traceRoutesAt(now));
  v1.route('/', reportRoutesAt(now));
  v1.route('/', exportRoutesAt(now));
  v1.route('/', holdRoutes(now));
  v1.route('/', lookupRoutes);
  v1.route('/', pickListRoutes(now));
  app.route('/v1', v1);

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `There is no ${c.req.method} ${c.req.path}.` } }, 404));

  app.onError((thrown, c) => {
    // The one place where an error becomes an answer: the database being busy (another process's
    // write lock) is the ledger's `busy`, and every ledger refusal gets its code's status (errors.ts).
    const err = isBusy(thrown) ? busyError() : thrown;
    if (err instanceof LedgerError) {
      const answer = ApiError.of(err);
      return c.json(answer.toBody(), answer.status, answer.headers);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      if (status === 413) return c.json({ error: { code: 'too_large', message: `The request body is larger than ${megabytes(maxBodyBytes)}.` } }, 413);
      if (status === 401) return c.json({ error: { code: 'unauthorized', message: err.message || 'Unauthorized.' } }, 401);
      if (status >= 400 && status < 500) {
        return c.json({ error: { code: 'invalid_request', message: err.message || 'The request is not valid.' } }, status as 400);
      }
    }
    if (err instanceof SyntaxError) {
      return c.json({ error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } }, 400);
    }
    console.error(`${c.req.method} ${c.req.path} failed:`, err);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on the server; nothing from this request was saved.' } }, 500);
  });
  return app;
}
