/**
 * The remote adapter: a libSQL server over HTTP (remote.ts), or any other driver client given
 * (a test's or a bench's own). Reads go at once; a write reads first and sends everything it
 * pushed as one batch at commit, one round trip whatever its size.
 */
import type { Client } from '@libsql/client';
import type { LedgerStore } from './port';
import { openRemote } from './remote';
import { storeOver } from './store';
import { batchAtCommit } from './write-stream';

/**
 * The ledger's store on the libSQL server at `url`.
 * @example const store = remoteStore('http://127.0.0.1:8080')
 */
export function remoteStore(url: string, authToken?: string): LedgerStore {
  return clientStore(openRemote(url, authToken));
}

/**
 * The ledger's store over a driver client that cannot stream a write (@libsql/client's own).
 * @example const store = clientStore(createClient({ url: 'file:x.db' }))
 */
export function clientStore(client: Client): LedgerStore {
  return storeOver(client, async () => batchAtCommit(client), false);
}
