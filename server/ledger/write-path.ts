/**
 * The one way a write enters the ledger: posts, voids and item upserts alike are checked against
 * the ledger as it is and written under the version guard; a write refused because another got
 * in first is checked again and retried, and writes of one process take turns.
 *
 * Three things keep racing writes apart, each for its own reason: the version guard (the trigger
 * of migration 001) is what makes them correct, across processes and servers; the turns taken
 * here, within a process, only spare writes the re-checks they would lose to each other (on a
 * file they would all wait for SQLite's one writer anyway); and the embedded file's writer thread
 * runs its callers' statements in the order they arrive (db/sqlite-worker.js), which is its own
 * mechanics. On a file a post reads under the write lock, so there the guard is a second line.
 */
import type { LedgerStore } from '../db/port';
import { isLedgerChanged } from '../db/errors';
import { LedgerError } from './errors';

/** Tries this many times when other writes keep getting in first, then asks the client to retry. */
export const MAX_ATTEMPTS = 5;

const tails = new WeakMap<LedgerStore, Promise<unknown>>();

/**
 * Thrown by an attempt that finds, before it writes, that the ledger has moved on since what it
 * read first: it is tried again, as one the version guard refuses is.
 */
export class LedgerMovedOn extends Error {}

/**
 * Runs `attempt` — read the ledger, check, write under the version guard — after this process's
 * earlier writes to `db`, again while the guard refuses it, at most MAX_ATTEMPTS times; then
 * refuses with `contended`, saying that nothing was `done` (posted, voided, saved).
 * @example await withWriteRetries(db, 'voided', () => voidOnce(db, auth, batchId))
 */
export function withWriteRetries<T>(db: LedgerStore, done: string, attempt: () => Promise<T>): Promise<T> {
  const run = async () => {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      try {
        return await attempt();
      } catch (e) {
        if (!isLedgerChanged(e) && !(e instanceof LedgerMovedOn)) throw e;
      }
    }
    throw new LedgerError('contended', `The ledger is busy with other posts; nothing was ${done}. Try again in a moment.`);
  };
  const prev = tails.get(db) ?? Promise.resolve();
  const turn = prev.then(run); // prev never fails: see below
  tails.set(db, turn.catch(() => undefined)); // a failed write still ends its turn
  return turn;
}
