/**
 * LotLedger on Node: the API and the task pane on one port, over an embedded libSQL file
 * (or any libSQL URL). Run with `npm start` or `tsx server/node.ts`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import { fullCollection } from './full-collection';
import { PostThread } from './post-thread/post-thread';
import { createApp, DEFAULT_MAX_ROWS } from './app';
import { locateDatabase, openDatabaseAt, projectRoot } from './db/location';
import { migrate } from './db/migrate';
import { ensureDefaultWorkspace } from './workspaces';
import { rateLimitFromEnv, type RateLimit } from './middleware/rate-limit';
import { corsOriginsFromEnv } from './middleware/cors';
import { authFailLimitFromEnv } from './middleware/auth-failures';

// From server/node.ts under tsx, or dist/server/node.js as `npm start` bundles it (bin/build-server.js).
const REPO_ROOT = projectRoot();
const PANE_DIR = path.join(REPO_ROOT, 'dist', 'addin');
const OFFICE_JS_DIR = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');

export interface NodeServerOptions {
  port: number;
  /** Absent: data/lotledger.db in the project folder (db/location.ts). */
  databaseUrl?: string;
  databaseAuthToken?: string;
  /** The first admin token on an empty database; random when not given. */
  adminToken?: string;
  limits?: { maxRows?: number; maxBodyBytes?: number };
  /** Per-token rate limit (LOTLEDGER_RATE_LIMIT); default 600 a minute, bursts of 200; false: off. */
  rateLimit?: RateLimit | false;
  /** Other origins a browser may call from (LOTLEDGER_CORS_ORIGINS). */
  corsOrigins?: string[];
  /** Failed authentications a minute per client address (LOTLEDGER_AUTH_FAIL_LIMIT); default 1,000; false: off. */
  authFailLimit?: number | false;
}

export interface NodeServer {
  url: string;
  /** The database file's path, or the server's URL. */
  database: string;
  /** Set only when this start created the default workspace: its admin token, to print once. */
  createdAdminToken?: string;
  /** The post thread, on a file (server/post-thread). */
  posts: PostThread | null;
  close(): Promise<void>;
}

/**
 * Opens and migrates the database, makes the default workspace on first start, and listens.
 * @example const server = await startNodeServer({ port: 0, databaseUrl: 'file:/tmp/t.db' })
 */
export async function startNodeServer(opts: NodeServerOptions): Promise<NodeServer> {
  const where = locateDatabase(opts.databaseUrl);
  const db = await openDatabaseAt(where, opts.databaseAuthToken, { create: true });
  await migrate(db);
  const first = await ensureDefaultWorkspace(db, opts.adminToken);
  // On a file, posts run on a post thread: their parsing and checking leave this thread, which
  // only routes. (Over a libSQL server every post is read first and sent whole, and runs here.)
  const collect = fullCollection();
  const posts = where.file === null ? null : new PostThread(where.file, { maxRows: opts.limits?.maxRows ?? DEFAULT_MAX_ROWS, collect });
  await posts?.start();
  const app = createApp({
    store: db, limits: opts.limits, rateLimit: opts.rateLimit, corsOrigins: opts.corsOrigins,
    authFailLimit: opts.authFailLimit, addressOf: (c) => getConnInfo(c).remote.address, collect,
    posts: posts ? (job) => posts.post(job) : undefined,
  });
  // The pane (vite's output) and office.js for the preview, on the API's own origin.
  app.get('/', (c) => c.redirect('/taskpane.html'));
  app.use('/office-js/*', serveStatic({ root: OFFICE_JS_DIR, rewriteRequestPath: (p) => p.replace(/^\/office-js/, '') }));
  if (existsSync(PANE_DIR)) app.use('/*', serveStatic({ root: PANE_DIR }));
  else app.get('/taskpane.html', (c) => c.text('The task pane is not built yet: run `npm run build:addin` (npm start does it for you).', 503));

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database: where.file ?? where.url,
    createdAdminToken: first.created ? first.adminToken : undefined,
    posts,
    close: () => new Promise<void>((resolve) => {
      server.close(() => {
        void (posts?.close() ?? Promise.resolve()).then(() => {
          db.close();
          resolve();
        });
      });
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
  };
}

/** Reads and checks the environment once; a bad value stops the start with a sentence. */
export function configFromEnv(env: NodeJS.ProcessEnv): NodeServerOptions {
  const problems: string[] = [];
  const portText = env.PORT ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) problems.push(`PORT=${portText} is not a port number (0–65535).`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^(file|https?|libsql|wss?):/.test(databaseUrl)) {
    problems.push(`DATABASE_URL=${databaseUrl} is not a libSQL URL (file:…, http(s)://…, libsql://…).`);
  }
  const adminToken = env.LOTLEDGER_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    problems.push('LOTLEDGER_ADMIN_TOKEN is shorter than 16 characters; choose a long random one.');
  }
  // Unset: the app's defaults (600 requests a minute a token; no other origins).
  const fromEnv = <T>(value: string | undefined, read: (v: string) => T): T | undefined => {
    if (value === undefined) return undefined;
    try { return read(value); } catch (e) { problems.push((e as Error).message); return undefined; }
  };
  const rateLimit = fromEnv(env.LOTLEDGER_RATE_LIMIT, rateLimitFromEnv);
  const corsOrigins = fromEnv(env.LOTLEDGER_CORS_ORIGINS, corsOriginsFromEnv);
  const authFailLimit = fromEnv(env.LOTLEDGER_AUTH_FAIL_LIMIT, authFailLimitFromEnv);
  if (problems.length > 0) throw new Error(`LotLedger cannot start:\n  ${problems.join('\n  ')}`);
  return { port, databaseUrl, databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined, adminToken, rateLimit, corsOrigins, authFailLimit };
}

async function main(): Promise<void> {
  let config: NodeServerOptions;
  try {
    config = configFromEnv(process.env);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const server = await startNodeServer(config);
  if (server.createdAdminToken) {
    console.log('Created workspace "default".');
    console.log(`Admin token: ${server.createdAdminToken}`);
    console.log('Keep it safe: it is shown only this once.');
  }
  const shown = server.url.replace('127.0.0.1', 'localhost');
  console.log(`LotLedger API on ${shown}/v1 (database ${server.database}); task pane at ${shown}/taskpane.html`);
  const stop = () => { void server.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(`LotLedger could not start: ${(e as Error).message}`);
    process.exit(1);
  });
}
