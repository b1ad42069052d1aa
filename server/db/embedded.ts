/**
 * The embedded database on Node: one libSQL connection to a file, behind @libsql/client's
 * `Client` interface (statements run as its own sqlite3 client runs them, on the calling thread,
 * and answer the same rows and errors), plus a write stream whose statements run on libSQL's own
 * thread while the caller makes the next ones.
 *
 * Why not @libsql/client's client: it runs every statement on Node's main thread, so a large
 * post's second of SQLite work blocked everything else, and the checks and the JSON of a post
 * could not go on while SQLite wrote; and its single connection refuses other callers while an
 * interactive transaction holds it, where this one queues them.
 *
 * When another process holds the file's write lock, a write waits for it without blocking the
 * thread (busy.ts): the connection's busy_timeout is 0, and a write takes the lock first, with
 * BEGIN IMMEDIATE; when that finds the database busy it gives its turn back and is tried again on
 * a timer, until LOCK_WAIT_MS have passed; then it fails with SQLITE_BUSY. Meanwhile this
 * process's reads go on (WAL readers need no lock). The lock is taken through `exec`, never by a
 * prepared statement: one that failed busy stays active until it is garbage-collected, and the
 * connection can commit nothing meanwhile (keeping the lock from everyone).
 */
import path from 'node:path';
import Database from 'libsql';
import {
  LibsqlError, type Client, type InArgs, type InStatement, type Replicated, type ResultSet, type Transaction,
  type TransactionMode,
} from '@libsql/client';
import { isBusy, retryWhileBusy } from './busy';
import { openWriteOn } from './off-thread';
import { queueFor, type Queue } from './queue';
import { batchError, changesDatabase, executeOn, libsqlError, type Connection } from './statements';
import type { WriteStream } from './write-stream';

/**
 * Opens the database file at `file` (a path, or ':memory:').
 * @example const db = openEmbedded('data/lotledger.db')
 */
export function openEmbedded(file: string): EmbeddedClient {
  return new EmbeddedClient(file);
}

export class EmbeddedClient implements Client {
  readonly protocol = 'file';
  closed = false;
  #conn: Connection;
  // Statements of every client of one file in this process take turns: a second connection
  // writing on the main thread while this one's write stream holds SQLite's lock would wait on
  // a stream that cannot move until the main thread is free again.
  readonly #queue: Queue;

  constructor(readonly file: string) {
    this.#conn = connect(file);
    this.#queue = queueFor(file === ':memory:' ? this : path.resolve(file));
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return this.#turn(() => {
      const conn = this.#conn;
      if (conn.inTransaction || !changesDatabase(stmt)) return executeOn(conn, stmt);
      begin(conn, 'BEGIN IMMEDIATE');
      try {
        const result = executeOn(conn, stmt);
        executeOn(conn, 'COMMIT');
        return result;
      } finally {
        if (conn.inTransaction) executeOn(conn, 'ROLLBACK');
      }
    });
  }

  batch(given: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    const stmts = given.map((s) => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
    // A deferred batch that writes takes the lock at its start, so no statement of it can fail busy.
    const writes = mode === 'write' || (mode === 'deferred' && stmts.some(changesDatabase));
    return this.#turn(() => {
      const conn = this.#conn;
      begin(conn, writes ? 'BEGIN IMMEDIATE' : beginFor(mode));
      try {
        const results = stmts.map((s, i) => {
          try {
            return executeOn(conn, s);
          } catch (e) {
            throw batchError(e, i);
          }
        });
        executeOn(conn, 'COMMIT');
        return results;
      } finally {
        if (conn.inTransaction) executeOn(conn, 'ROLLBACK');
      }
    });
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#turn(() => {
      const conn = this.#conn;
      executeOn(conn, 'PRAGMA foreign_keys=off');
      try {
        begin(conn, 'BEGIN IMMEDIATE');
        const results = stmts.map((s, i) => {
          try { return executeOn(conn, s); } catch (e) { throw batchError(e, i); }
        });
        executeOn(conn, 'COMMIT');
        return results;
      } finally {
        if (conn.inTransaction) executeOn(conn, 'ROLLBACK');
        executeOn(conn, 'PRAGMA foreign_keys=on');
      }
    });
  }

  /**
   * An interactive transaction. A 'deferred' one takes the write lock at its start too, as a
   * 'write' one does: its statements cannot be known beforehand, and none of them may fail busy.
   */
  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    return new EmbeddedTransaction(this.#conn, await this.#begin(mode === 'read' ? beginFor(mode) : 'BEGIN IMMEDIATE'));
  }

  executeMultiple(sql: string): Promise<void> {
    // Tried again only when the failure undid all it did: its statements ran in a transaction
    // of their own (as migrations do). Without one, those before the busy one are kept.
    let undone = false;
    return this.#turn(() => {
      try {
        this.#conn.exec(sql);
      } catch (e) {
        undone = this.#conn.inTransaction;
        if (undone) this.#conn.exec('ROLLBACK');
        throw libsqlError(e);
      }
    }, (e) => undone && isBusy(e));
  }

  /**
   * Opens a write transaction (BEGIN IMMEDIATE) whose statements run in order on libSQL's own
   * thread: `push` returns at once, so the caller makes the next statements while SQLite runs
   * the last. Other callers wait their turn until it commits or aborts.
   */
  async openWrite(): Promise<WriteStream> {
    return openWriteOn(this.#conn, await this.#begin('BEGIN IMMEDIATE'));
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError('An embedded database file has nothing to sync with', 'SYNC_NOT_SUPPORTED');
  }

  reconnect(): void {
    if (!this.closed) this.#conn.close();
    this.#conn = connect(this.file);
    this.closed = false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#conn.close();
  }

  #checkOpen(): void {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  /**
   * Runs `fn` on the connection when it is this client's turn; if it fails busy (and
   * `mayRetry` agrees: it undid all it did), again later, as busy.ts says.
   */
  #turn<T>(fn: () => T, mayRetry: (e: unknown) => boolean = isBusy): Promise<T> {
    return retryWhileBusy(async () => {
      this.#checkOpen();
      const release = await this.#queue.acquire();
      try {
        this.#checkOpen();
        return fn();
      } finally {
        release();
      }
    }, mayRetry);
  }

  /** Takes the connection's turn and begins a transaction in it; answers the turn's release. */
  #begin(sql: string): Promise<() => void> {
    return retryWhileBusy(async () => {
      this.#checkOpen();
      const release = await this.#queue.acquire();
      try {
        this.#checkOpen();
        begin(this.#conn, sql);
        return release;
      } catch (e) {
        release();
        throw e;
      }
    });
  }
}

/** Begins a transaction through `exec`, which leaves no statement behind when it fails busy. */
function begin(conn: Connection, sql: string): void {
  try {
    conn.exec(sql);
  } catch (e) {
    throw libsqlError(e);
  }
}

/** A connection whose statements never wait for a lock on this thread (busy.ts waits instead). */
function connect(file: string): Connection {
  const conn = new Database(file);
  conn.exec('PRAGMA busy_timeout = 0');
  return conn;
}

/** An interactive transaction: holds the connection's turn until it commits, rolls back or closes. */
class EmbeddedTransaction implements Transaction {
  #release: (() => void) | null;

  constructor(private readonly conn: Connection, release: () => void) {
    this.#release = release;
  }

  get closed(): boolean {
    return this.#release === null || !this.conn.inTransaction;
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    this.#checkOpen();
    return executeOn(this.conn, stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    return stmts.map((s, i) => {
      try { return executeOn(this.conn, s); } catch (e) { throw batchError(e, i); }
    });
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    try { this.conn.exec(sql); } catch (e) { throw libsqlError(e); }
  }

  async commit(): Promise<void> {
    this.#checkOpen();
    try { executeOn(this.conn, 'COMMIT'); } finally { this.close(); }
  }

  async rollback(): Promise<void> {
    this.close();
  }

  close(): void {
    if (this.#release === null) return;
    try {
      if (this.conn.open && this.conn.inTransaction) executeOn(this.conn, 'ROLLBACK');
    } finally {
      this.#release();
      this.#release = null;
    }
  }

  #checkOpen(): void {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
  }
}

const beginFor = (mode: TransactionMode): string =>
  mode === 'write' ? 'BEGIN IMMEDIATE' : mode === 'read' ? 'BEGIN TRANSACTION READONLY' : 'BEGIN DEFERRED';
