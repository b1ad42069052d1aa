/**
 * Waiting for SQLite's write lock when another process holds it, without blocking Node's thread.
 *
 * The embedded connection runs with busy_timeout 0: SQLite's own wait is a sleep on the calling
 * thread, which for statements run on the main thread froze every other request for as long as
 * the other process held the lock. Instead a unit of work that finds the database busy gives
 * its turn back, waits on a timer and tries again, until it has waited LOCK_WAIT_MS.
 */

/** How long a write waits for another process's lock before it gives up (API.md: at least 5 s). */
export const LOCK_WAIT_MS = 5000;

/** Pauses between tries: short at first (most locks are brief), then at most MAX_PAUSE_MS. */
const FIRST_PAUSE_MS = 2;
const MAX_PAUSE_MS = 50;

/**
 * Whether an error is SQLite's SQLITE_BUSY (any extended code of it): the lock was not to be had.
 * @example isBusy(new LibsqlError('database is locked', 'SQLITE_BUSY')) // true
 */
export function isBusy(e: unknown): boolean {
  return e instanceof Error && (e as { code?: unknown }).code === 'SQLITE_BUSY';
}

/**
 * Whether a write failed at its begin (the file busy; embedded-write.ts marks it): nothing of it
 * ran, and it may be tried again whole.
 * @example await retryWhileBusy(() => open().then(write), notBegun)
 */
export const notBegun = (e: unknown): boolean => isBusy(e) && (e as { notBegun?: unknown }).notBegun === true;

/**
 * Runs `attempt` until it does not fail busy. Between tries nothing is held (the caller's
 * attempt takes and gives back its own turn), and the clock starts at the first busy answer,
 * so time spent waiting behind this process's own writes never counts. After LOCK_WAIT_MS of
 * busy answers the last one is thrown.
 * @example await retryWhileBusy(() => turn(() => conn.exec('BEGIN IMMEDIATE')))
 */
export async function retryWhileBusy<T>(
  attempt: () => Promise<T>, mayRetry: (e: unknown) => boolean = isBusy, waitMs = LOCK_WAIT_MS,
): Promise<T> {
  let firstBusy: number | null = null;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (e) {
      if (!mayRetry(e)) throw e;
      const now = performance.now();
      firstBusy ??= now;
      if (now - firstBusy >= waitMs) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(MAX_PAUSE_MS, pause * 2);
  }
}
