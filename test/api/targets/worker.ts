/**
 * The `worker` target: the API in workerd (`wrangler dev --local`) over a libSQL server
 * (sqld), both started once for the whole api-worker project by ./worker-setup.ts. Each
 * call makes a fresh workspace in that sqld, so test files never see each other's data.
 */
import { inject } from 'vitest';
import { remoteStore } from '../../../server/db/remote-store';
import { createWorkspace } from '../../../server/workspaces';
import { uniqueName, type Target } from '../target';

/**
 * @example const target = await startWorkerTarget() // via startTarget() with LOTLEDGER_TARGET=worker
 */
export async function startWorkerTarget(): Promise<Target> {
  const { baseUrl, dbUrl } = inject('workerTarget');
  const db = remoteStore(dbUrl);
  const make = async (name: string) => (await createWorkspace(db, name)).adminToken;
  const adminToken = await make(uniqueName('worker'));
  return {
    name: 'worker',
    baseUrl,
    adminToken,
    dbUrl,
    createWorkspace: make,
    async stop() {
      db.close(); // workerd and sqld belong to the whole run; worker-setup stops them
    },
  };
}
