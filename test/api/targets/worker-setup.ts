import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@libsql/client';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../../server/db/migrate';
import { freePort } from '../../../server/dev/free-port';
import { startSqld } from '../../../server/dev/sqld';
import { startWranglerDev } from '../../../server/dev/wrangler-dev';

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
 * globalSetup of the api-worker project: ONE sqld and ONE `wrangler dev --local` for the
 * whole run (start-up costs seconds, so never per file), migrated before anything is served.
 * Each test file then makes its own workspace, so files stay independent.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lotledger-worker-'));
  const sqld = await startSqld({ dir: path.join(dir, 'sqld'), port: await freePort() });
  try {
    const db = createClient({ url: sqld.url });
    await migrate(db);
    db.close();
    const dev = await startWranglerDev({
      port: await freePort(),
      vars: { DATABASE_URL: sqld.url },
      stateDir: path.join(dir, 'wrangler-state'),
    });
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
