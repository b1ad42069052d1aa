import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../../server/db/migrate';
import { clientStore } from '../../../server/db/remote-store';
import { freePort } from '../../../server/dev/free-port';
import { startSqld } from '../../../server/dev/sqld';
import { startWorkerd } from '../../../server/dev/workerd';
import { TEST_AUTH_FAIL_LIMIT } from './limits';

/** What the api-worker project's test files reach: workerd's URL and the sqld behind it. */
export interface WorkerTargetUrls {
  baseUrl: string;
  dbUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerTarget: WorkerTargetUrls;
  }
}

/**
 * globalSetup of the api-worker project: ONE sqld and ONE workerd serving the Worker bundle
 * that `wrangler deploy` would upload (server/dev/workerd.ts says why not `wrangler dev`),
 * for the whole run, never per file; sqld is migrated before anything is served.
 * Each test file then makes its own workspace, so files stay independent.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lotledger-worker-'));
  const sqld = await startSqld({ dir: path.join(dir, 'sqld'), port: await freePort() });
  try {
    const db = createClient({ url: sqld.url });
    await migrate(clientStore(db));
    db.close();
    // Rate limit off: the suite fires faster than any clerk; test/reliability tests the limit.
    const vars = { DATABASE_URL: sqld.url, LOTLEDGER_RATE_LIMIT: 'off', LOTLEDGER_AUTH_FAIL_LIMIT: String(TEST_AUTH_FAIL_LIMIT) };
    const dev = await startWorkerd({ vars, stateDir: path.join(dir, 'workerd') });
    project.provide('workerTarget', { baseUrl: dev.url, dbUrl: sqld.url });
    return async () => {
      await dev.stop();
      await sqld.stop();
      await rm(dir, { recursive: true, force: true });
    };
  } catch (err) {
    await sqld.stop();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
