import type { Client } from '@libsql/client';

const tails = new WeakMap<Client, Promise<unknown>>();

/**
 * Runs ledger writes on one database one at a time within this process. The version guard
 * already makes racing writes safe; this only spares them the wasted re-checks, which on an
 * embedded file would all be racing for the same single writer anyway.
 * @example await serialised(db, () => post(...))
 */
export function serialised<T>(db: Client, fn: () => Promise<T>): Promise<T> {
  const prev = tails.get(db) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  tails.set(db, run.catch(() => undefined));
  return run;
}
