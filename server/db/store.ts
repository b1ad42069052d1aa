/**
 * The part both adapters share: a LedgerStore over a driver's client (@libsql/client's `Client`
 * interface, which the embedded client implements too), differing only in how a write is opened
 * (`open`): a stream on the file's SQLite thread (embedded-store.ts), or statements kept and sent
 * as one batch at commit (remote-store.ts).
 */
import type { Client, InStatement } from '@libsql/client';
import type { LedgerStore, Rows, Statement, Write } from './port';
import type { WriteStream } from './write-stream';
import { notBegun, retryWhileBusy } from './busy';

/**
 * The store over `client`, whose writes `open` opens; `live` says whether those run live.
 * @example storeOver(client, () => Promise.resolve(batchAtCommit(client)), false)
 */
export function storeOver(client: Client, open: () => Promise<WriteStream>, live: boolean): LedgerStore {
  function read(stmt: Statement): Promise<Rows>;
  function read(stmts: readonly Statement[]): Promise<Rows[]>;
  function read(given: Statement | readonly Statement[]): Promise<Rows | Rows[]> {
    return Array.isArray(given) ? client.batch(given as InStatement[], 'read') : client.execute(given as InStatement);
  }
  function write<T>(fn: (w: Write) => Promise<T>): Promise<T>;
  function write(stmts: readonly Statement[]): Promise<Rows[]>;
  function write<T>(given: ((w: Write) => Promise<T>) | readonly Statement[]): Promise<T | Rows[]> {
    // A write whose begin found the file busy (another process writing) ran nothing: it is
    // tried again whole, as busy.ts says.
    if (typeof given === 'function') return retryWhileBusy(() => open().then((stream) => writeThrough(stream, given)), notBegun);
    return client.batch(given as InStatement[], 'write');
  }
  return {
    live,
    read,
    write,
    script: (sql) => client.executeMultiple(sql),
    close: () => client.close(),
  };
}

/** Runs `fn` on the open write `stream`: commits when it returns, aborts when it throws. */
async function writeThrough<T>(stream: WriteStream, fn: (w: Write) => Promise<T>): Promise<T> {
  const w: Write = {
    live: stream.live,
    read: (stmts) => stream.read(stmts as InStatement[]),
    push: (stmts) => stream.push(stmts as InStatement[]),
    failed: () => stream.failed(),
  };
  let answer: T;
  try {
    answer = await fn(w);
  } catch (e) {
    await stream.abort();
    throw e;
  }
  await stream.commit();
  return answer;
}
