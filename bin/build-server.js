#!/usr/bin/env node
// Bundles the Node server (server/node.ts) into dist/server/node.js with esbuild, so `npm start`
// runs it under plain Node: tsx's loader thread and per-function wrappers cost about 33 MB of
// resident memory and 0.1 s on a 100,000-row post. Packages stay external (node_modules);
// the migrations and the SQLite threads' scripts (plain JavaScript) are copied next to the
// bundle, where server/db/migrate.ts and server/db/sqlite-thread.ts look for them, and the post
// thread's script is bundled beside it (server/post-thread/post-thread.ts).
import { buildSync } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUNDLE = path.join(root, 'dist', 'server', 'node.js');

/** Builds dist/server/node.js (and dist/server/migrations, the SQLite threads' scripts, post-worker.js) from the sources. */
export function buildServer() {
  const out = path.dirname(SERVER_BUNDLE);
  rmSync(out, { recursive: true, force: true });
  const options = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' };
  buildSync({ ...options, entryPoints: [path.join(root, 'server', 'node.ts')], outfile: SERVER_BUNDLE });
  // The post thread's script, where server/post-thread/post-thread.ts looks for it.
  buildSync({ ...options, entryPoints: [path.join(root, 'server', 'post-thread', 'worker.ts')], outfile: path.join(out, 'post-worker.js') });
  cpSync(path.join(root, 'server', 'db', 'migrations'), path.join(out, 'migrations'), { recursive: true });
  for (const script of ['sqlite-worker.js', 'sqlite-statements.js']) cpSync(path.join(root, 'server', 'db', script), path.join(out, script));
  return SERVER_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildServer();
