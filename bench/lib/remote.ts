/**
 * The remote path as the benches run it: a libSQL server (sqld) and the deployable Worker
 * bundle in workerd over it (server/dev), with a workspace and the bench's master data.
 */
import path from 'node:path';
import { migrate } from '../../server/db/migrate';
import { remoteStore } from '../../server/db/remote-store';
import { createWorkspace } from '../../server/workspaces';
import { freePort } from '../../server/dev/free-port';
import { startSqld } from '../../server/dev/sqld';
import { startWorkerd } from '../../server/dev/workerd';
import { loadBenchMaster } from './sheets';

export interface Remote {
  sqldUrl: string;
  workerUrl: string;
  token: string;
  stop(): Promise<void>;
}

/** Starts sqld in `dir`, migrates it, serves the Worker over it, and loads the master data. */
export async function startRemote(dir: string): Promise<Remote> {
  const sqld = await startSqld({ dir: path.join(dir, 'sqld'), port: await freePort() });
  const stops: (() => Promise<void>)[] = [() => sqld.stop()];
  const stop = async () => { for (const s of stops) await s().catch(() => undefined); };
  try {
    const admin = remoteStore(sqld.url);
    await migrate(admin);
    const { adminToken } = await createWorkspace(admin, `bench-${Date.now().toString(36)}`);
    admin.close();
    const workerd = await startWorkerd({ vars: { DATABASE_URL: sqld.url }, stateDir: path.join(dir, 'workerd') });
    stops.unshift(() => workerd.stop());
    await loadBenchMaster(workerd.url, adminToken);
    return { sqldUrl: sqld.url, workerUrl: workerd.url, token: adminToken, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
