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
 */
import path from 'node:path';
import Database from 'libsql';
import AsyncDatabase from 'libsql/promise';
import {
  LibsqlError, type Client, type InArgs, type InStatement, type Replicated, type ResultSet, type Row, type Transaction,
  type TransactionMode,
} from '@libsql/client';
import { queueFor, type Queue } from './queue';
import { batchError, executeOn, libsqlError, normalise, resultSet, rowOf, type Connection } from './statements';
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
    this.#conn = new Database(file);
    this.#queue = queueFor(file === ':memory:' ? this : path.resolve(file));
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return this.#turn(() => executeOn(this.#conn, stmt));
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    return this.#turn(() => {
      const conn = this.#conn;
      executeOn(conn, beginFor(mode));
      try {
        const results = stmts.map((s, i) => {
          try {
            return executeOn(conn, Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s);
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
        executeOn(conn, 'BEGIN DEFERRED');
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

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    this.#checkOpen();
    const release = await this.#queue.acquire();
    try {
      executeOn(this.#conn, beginFor(mode));
    } catch (e) {
      release();
      throw e;
    }
    return new EmbeddedTransaction(this.#conn, release);
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#turn(() => {
      try {
        this.#conn.exec(sql);
      } catch (e) {
        if (this.#conn.inTransaction) this.#conn.exec('ROLLBACK');
        throw libsqlError(e);
      }
    });
  }

  /**
   * Opens a write transaction (BEGIN IMMEDIATE) whose statements run in order on libSQL's own
   * thread: `push` returns at once, so the caller makes the next statements while SQLite runs
   * the last. Other callers wait their turn until it commits or aborts.
   */
  async openWrite(): Promise<WriteStream> {
    this.#checkOpen();
    const release = await this.#queue.acquire();
    const conn = this.#conn;
    const db = offThread(conn);
    try {
      await db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      release();
      throw libsqlError(e);
    }
    let tail: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    let count = 0;
    let done = false;
    const ended = () => new LibsqlError('This write has ended already', 'TRANSACTION_CLOSED');
    const finish = async (commit: boolean) => {
      if (done) throw ended();
      done = true;
      try {
        await tail;
        if (commit && failure === null) {
          try { await db.exec('COMMIT'); } catch (e) { failure = libsqlError(e); }
        }
      } finally {
        if (conn.inTransaction) await db.exec('ROLLBACK').catch(() => undefined);
        release();
      }
      if (commit && failure !== null) throw failure;
    };
    return {
      live: true,
      push(stmts) {
        if (done) throw ended();
        for (const stmt of stmts) {
          const index = count++;
          tail = tail.then(async () => {
            if (failure !== null) return;
            try { await runOffThread(conn, db, stmt); } catch (e) { failure = batchError(e, index); }
          });
        }
      },
      read(stmts) {
        if (done) return Promise.reject(ended());
        const answers = tail.then(async () => {
          const out: ResultSet[] = [];
          for (const stmt of stmts) out.push(await runOffThread(conn, db, stmt));
          return out;
        });
        tail = answers.then(() => undefined, () => undefined);
        return answers;
      },
      // setImmediate runs after the callbacks of finished statements, which start the next ones.
      turn: () => new Promise<void>((resolve) => setImmediate(resolve)),
      failed: () => failure !== null,
      commit: () => finish(true),
      abort: () => finish(false),
    };
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError('An embedded database file has nothing to sync with', 'SYNC_NOT_SUPPORTED');
  }

  reconnect(): void {
    if (!this.closed) this.#conn.close();
    this.#conn = new Database(this.file);
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

  /** Runs `fn` on the connection when it is this client's turn. */
  async #turn<T>(fn: () => T): Promise<T> {
    this.#checkOpen();
    const release = await this.#queue.acquire();
    try {
      this.#checkOpen();
      return fn();
    } finally {
      release();
    }
  }
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

/**
 * The connection as libsql/promise sees it, whose statements run on libSQL's thread. Both of
 * libsql's front ends hold the native connection in `db` and load the same native module, so
 * this is the same connection, not a second one (checked by embedded.test.ts).
 */
function offThread(conn: Connection): AsyncDatabase {
  const view = Object.create(AsyncDatabase.prototype) as AsyncDatabase & { db: unknown };
  view.db = (conn as unknown as { db: unknown }).db;
  return view;
}

/** libsql/promise's Statement (not exported): its `iterate` runs the statement on libSQL's thread. */
let offThreadStatement: object | null = null;

/**
 * Runs one statement on libSQL's thread and answers its rows, as `executeOn` does (a write
 * answers none, and no count). It is prepared here, on this thread, and only run over there:
 * each trip over and back waits for this thread to be free, and a post keeps it busy (one trip a
 * statement instead of two took 0.1–0.2 s off a 100,000-row post).
 */
async function runOffThread(conn: Connection, db: AsyncDatabase, stmt: InStatement): Promise<ResultSet> {
  const { sql, args } = normalise(stmt);
  try {
    offThreadStatement ??= Object.getPrototypeOf(await db.prepare('SELECT 1')) as object;
    const here = conn.prepare(sql);
    here.safeIntegers(true);
    const there = Object.create(offThreadStatement) as { stmt: unknown; pluckMode: boolean; raw(on: boolean): unknown; iterate(a: unknown): Promise<Iterator<unknown[]>> };
    there.stmt = (here as unknown as { stmt: unknown }).stmt;
    there.pluckMode = false;
    if (!here.reader) {
      (await there.iterate(args)).next(); // the statement's error, if any, comes with its first row
      return resultSet([], [], [], 0, undefined);
    }
    there.raw(true);
    const defs = here.columns();
    const columns = defs.map((c) => c.name);
    const rows: Row[] = [];
    const it = await there.iterate(args);
    for (let r = it.next(); !r.done; r = it.next()) rows.push(rowOf(r.value, columns));
    return resultSet(columns, defs.map((c) => c.type ?? ''), rows, 0, undefined);
  } catch (e) {
    throw libsqlError(e);
  }
}
