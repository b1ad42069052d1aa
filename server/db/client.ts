import { embeddedStore } from './embedded-store';
import type { LedgerStore } from './port';
import { remoteStore } from './remote-store';

/**
 * The path of a `file:` URL as libSQL reads it: `file:data/x.db` (relative), `file:/srv/x.db`,
 * `file:///srv/x.db` or `file://localhost/srv/x.db`.
 * @example fileOfUrl('file:///srv/lotledger.db') // '/srv/lotledger.db'
 */
export function fileOfUrl(url: string): string {
  return decodeURIComponent(url.slice('file:'.length).replace(/^\/\/(localhost)?(?=\/)/, '').replace(/\?.*$/, ''));
}

/**
 * Opens the ledger's store by URL: `file:` for the embedded database, `http(s):`/`libsql:` for a server.
 *
 * A file is opened with the embedded client (embedded-store.ts), whose statements all run off the
 * main thread; a server with @libsql/client over HTTP, as on Workers (remote-store.ts). For a file the
 * connection settings matter; the file's SQLite threads (sqlite-worker.js) set them on the
 * connections they open, and on any reopen:
 * - one connection writes (SQLite has one writer) and runs every session; a second, query_only,
 *   on a thread of its own, runs the plain reads, so they never wait for a write;
 * - WAL, so readers (that second connection, the CLI, a backup) never wait for a post, nor it
 *   for them;
 * - synchronous=FULL: a 201 means the batch is on disk even after a power cut. A ledger must not
 *   forget a posting it confirmed; with one commit per batch (not per row) it costs nothing we
 *   could measure against NORMAL on a 100,000-row post;
 * - no busy_timeout: when another process (the CLI, a second server) holds the write lock, the
 *   embedded client waits for it on timers rather than in SQLite's sleep on the SQLite thread,
 *   which would hold up every other statement of this process (busy.ts);
 * - foreign_keys=ON, so a movement can never point at a missing item, lot or location.
 *
 * @example const db = await openDatabase('file:data/lotledger.db')
 */
export async function openDatabase(url: string, authToken?: string): Promise<LedgerStore> {
  return url.startsWith('file:') ? embeddedStore(fileOfUrl(url)) : remoteStore(url, authToken);
}
