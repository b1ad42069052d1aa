/**
 * The master data (items, locations) a post last used, per store and workspace, with the ledger
 * version it was read at, so a post need not read it again. A post that takes it reads the
 * version along with its first state read and reads the master again if the version has moved
 * on (every change of items or locations moves it, as every post and void does, in any
 * process); its write's version guard refuses it if the version moves on after that.
 */
import type { LedgerStore, Rows, Statement } from '../db/port';
import type { Master } from './state';

const kept = new WeakMap<LedgerStore, Map<number, Master>>();

/** The master data kept for the workspace, if any; only as current as its `version` says. */
export const keptMaster = (db: LedgerStore, workspaceId: number): Master | undefined => kept.get(db)?.get(workspaceId);

/** Keeps `master` as the workspace's master data at `master.version`. */
export function keepMaster(db: LedgerStore, workspaceId: number, master: Master): void {
  let byWorkspace = kept.get(db);
  if (!byWorkspace) kept.set(db, (byWorkspace = new Map()));
  byWorkspace.set(workspaceId, master);
}

/** Forgets the workspace's master data: it is out of date. */
export const forgetMaster = (db: LedgerStore, workspaceId: number): void => void kept.get(db)?.delete(workspaceId);

/** The read of the workspace's ledger version, which `isCurrent` judges. */
export const versionRead = (workspaceId: number): Statement => ({
  sql: 'SELECT ledger_version FROM workspace WHERE id = ?', args: [workspaceId],
});

/** Whether the answer of `versionRead` is the version `master` was read at. */
export const isCurrent = (master: Master, answer: Rows): boolean => Number(answer.rows[0]?.ledger_version) === master.version;
