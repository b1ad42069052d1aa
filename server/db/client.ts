import { createClient, type Client } from '@libsql/client';

/**
 * Opens a libSQL database by URL: `file:` for the embedded database, `http(s):`/`libsql:` for a server.
 *
 * For a file the connection settings matter, so they are set here once:
 * - one connection (`concurrency: 1`): a libSQL file connection is synchronous, so more of them
 *   add no speed on one Node thread, and per-connection PRAGMAs would be lost on the extra ones;
 * - WAL, so readers (reports) never wait for a post and a post never waits for readers;
 * - synchronous=FULL: a 201 means the batch is on disk even after a power cut. A ledger must not
 *   forget a posting it confirmed; with one commit per batch (not per row) it costs nothing we
 *   could measure against NORMAL on a 100,000-row post;
 * - busy_timeout, so the CLI or a second process writing the same file waits instead of failing;
 * - foreign_keys=ON, so a movement can never point at a missing item, lot or location.
 *
 * @example const db = await openDatabase('file:data/lotledger.db')
 */
export async function openDatabase(url: string, authToken?: string): Promise<Client> {
  const isFile = url.startsWith('file:');
  const db = createClient(isFile ? { url, concurrency: 1 } : { url, authToken });
  if (isFile) {
    await db.execute('PRAGMA journal_mode = WAL');
    await db.execute('PRAGMA synchronous = FULL');
    await db.execute('PRAGMA busy_timeout = 5000');
    await db.execute('PRAGMA foreign_keys = ON');
  }
  return db;
}
