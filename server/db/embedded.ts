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
  LibsqlBatchError, LibsqlError, type Client, type InArgs, type InStatement, type InValue, type Replicated, type ResultSet,
  type Row, type Transaction, type TransactionMode,
} from '@libsql/client';
import { queueFor, type Queue } from './queue';
import type { WriteStream } from './write-stream';

type Connection = InstanceType<typeof Database>;

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
    const finish = async (commit: boolean) => {
      if (done) throw new LibsqlError('This write has ended already', 'TRANSACTION_CLOSED');
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
      push(stmts) {
        if (done) throw new LibsqlError('This write has ended already', 'TRANSACTION_CLOSED');
        for (const stmt of stmts) {
          const index = count++;
          tail = tail.then(async () => {
            if (failure !== null) return;
            try { await executeOffThread(db, stmt); } catch (e) { failure = batchError(e, index); }
          });
        }
      },
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

/** Runs one statement on libSQL's thread; its error, if any, is read from the first row. */
async function executeOffThread(db: AsyncDatabase, stmt: InStatement): Promise<void> {
  const { sql, args } = normalise(stmt);
  try {
    const prepared = await db.prepare(sql);
    const rows = await prepared.iterate(args);
    rows.next();
  } catch (e) {
    throw libsqlError(e);
  }
}

function normalise(stmt: InStatement): { sql: string; args: unknown[] | Record<string, unknown> } {
  if (typeof stmt === 'string') return { sql: stmt, args: [] };
  const given = stmt.args ?? [];
  if (Array.isArray(given)) return { sql: stmt.sql, args: given.map(valueToSql) };
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given)) named[k[0] === '@' || k[0] === '$' || k[0] === ':' ? k.slice(1) : k] = valueToSql(v);
  return { sql: stmt.sql, args: named };
}

/** Runs one statement on this thread, as @libsql/client's sqlite3 client does. */
function executeOn(conn: Connection, stmt: InStatement): ResultSet {
  const { sql, args } = normalise(stmt);
  try {
    const prepared = conn.prepare(sql);
    prepared.safeIntegers(true);
    let returnsData = true;
    try { prepared.raw(true); } catch { returnsData = false; } // raw() throws for a statement without rows
    if (returnsData) {
      const defs = prepared.columns();
      const columns = defs.map((c) => c.name);
      const rows = (prepared.all(args) as unknown[][]).map((r) => rowOf(r, columns));
      return resultSet(columns, defs.map((c) => c.type ?? ''), rows, 0, undefined);
    }
    const info = prepared.run(args);
    return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
  } catch (e) {
    throw libsqlError(e);
  }
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns, columnTypes, rows, rowsAffected, lastInsertRowid,
    toJSON: () => ({
      columns, columnTypes, rowsAffected,
      rows: rows.map((r) => Array.prototype.map.call(r, (v: unknown) => (typeof v === 'bigint' ? String(v) : v))),
      lastInsertRowid: lastInsertRowid === undefined ? null : String(lastInsertRowid),
    }),
  };
}

/** A row as @libsql/client makes it: values by index (not enumerable) and by column name. */
function rowOf(values: unknown[], columns: string[]): Row {
  const row = {};
  Object.defineProperty(row, 'length', { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = valueFromSql(values[i]);
    Object.defineProperty(row, i, { value });
    if (!Object.hasOwn(row, columns[i])) {
      Object.defineProperty(row, columns[i], { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return row as Row;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function valueFromSql(v: unknown): unknown {
  if (typeof v === 'bigint') {
    if (v < MIN_SAFE || v > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(v);
  }
  if (v instanceof Buffer) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  return v;
}

function valueToSql(v: InValue): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v instanceof Date) return v.valueOf();
  if (v === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return v;
}

const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT', 20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE', 28: 'SQLITE_WARNING',
};

type SqliteFailure = Error & { code?: string; rawCode?: number };

/** A libsql error as @libsql/client reports it: base code, extended code, raw code. */
function libsqlError(e: unknown): unknown {
  if (e instanceof LibsqlError || !(e instanceof Database.SqliteError)) return e;
  const f = e as SqliteFailure;
  const code = f.rawCode === undefined ? 'SQLITE_UNKNOWN' : BASE_CODES[f.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${f.rawCode & 0xff}`;
  return new LibsqlError(f.message, code, f.code, f.rawCode, f);
}

function batchError(e: unknown, index: number): unknown {
  const err = libsqlError(e);
  if (!(err instanceof LibsqlError) || err instanceof LibsqlBatchError) return err;
  // The message keeps its code and gets it again, as @libsql/client's own batch errors do.
  return new LibsqlBatchError(err.message, index, err.code, err.extendedCode, err.rawCode, err.cause instanceof Error ? err.cause : undefined);
}
