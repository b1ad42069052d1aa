/**
 * The embedded adapter: a libSQL file through the embedded client (embedded.ts), whose statements
 * all run on the file's SQLite thread. A write is a stream there: its statements run as they are
 * pushed and its reads inside it, while the ledger makes the next ones.
 */
import { openEmbedded } from './embedded';
import type { LedgerStore } from './port';
import { storeOver } from './store';

/**
 * The ledger's store on the database file at `file` (a path, or ':memory:'), once it is open.
 * @example const store = await embeddedStore('data/lotledger.db')
 */
export async function embeddedStore(file: string): Promise<LedgerStore> {
  const client = openEmbedded(file);
  try {
    await client.ready();
  } catch (e) {
    client.close();
    throw e;
  }
  return storeOver(client, () => client.openWrite(), true);
}
