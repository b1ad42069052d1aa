/**
 * A write transaction fed a few statements at a time, so the one who writes can make the next
 * statements while the database runs the last ones. On an embedded file (EmbeddedClient) the
 * statements go to the file's SQLite thread as they are pushed and run there; on a libSQL server
 * they are kept and sent as one batch at commit, one round trip whatever the size.
 */
import type { Client, InStatement, ResultSet } from '@libsql/client';

export interface WriteStream {
  /** True when statements run as they are pushed (an embedded file); false when they wait for commit. */
  readonly live: boolean;
  /** Queues statements after those pushed before; returns at once. */
  push(stmts: readonly InStatement[]): void;
  /**
   * Reads: on an embedded file inside the write, after what was pushed before; on a server at
   * once and outside it (the write's version guard refuses it if the ledger has moved on since).
   */
  read(stmts: readonly InStatement[]): Promise<ResultSet[]>;
  /** Whether a pushed statement has failed already (the rest will not run; commit throws). */
  failed(): boolean;
  /** Waits for every statement, then commits; throws the first failure, with nothing kept. */
  commit(): Promise<void>;
  /** Undoes whatever was pushed. */
  abort(): Promise<void>;
}

/**
 * A write on `db` that reads at once and sends what was pushed as one write batch at commit.
 * @example const w = batchAtCommit(db); w.push(statements); await w.commit();
 */
export function batchAtCommit(db: Client): WriteStream {
  const stmts: InStatement[] = [];
  return {
    live: false,
    push(more) { for (const s of more) stmts.push(s); },
    read: (reads) => db.batch([...reads], 'read'),
    failed: () => false,
    commit: async () => { await db.batch(stmts, 'write'); },
    abort: async () => { stmts.length = 0; },
  };
}
