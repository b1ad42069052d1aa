/**
 * Running statements on a SQLite thread's connection (sqlite-worker.js) as @libsql/client's
 * sqlite3 client does: values converted both ways, rows as arrays, errors as what may cross to
 * the main thread; and the connection's prepared statements kept by their SQL text.
 *
 * Plain JavaScript, next to the worker's script (bin/build-server.js copies both).
 */
import Database from 'libsql';

/** What may cross to the main thread: the message, codes and name of an error, and a batch index. */
export function failure(e, index) {
  const f = e instanceof Error ? e : new Error(String(e));
  return {
    name: f.name, message: f.message, code: f.code, rawCode: f.rawCode,
    sqlite: f instanceof Database.SqliteError, index,
  };
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A value as @libsql/client answers it: integers as numbers, blobs as ArrayBuffers. */
function fromSql(v) {
  if (typeof v === 'bigint') {
    if (v < MIN_SAFE || v > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(v);
  }
  if (Buffer.isBuffer(v)) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  return v;
}

/** A blob argument arrives as an ArrayBuffer or a typed array; libsql binds Buffers. */
function toSql(v) {
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (ArrayBuffer.isView(v) && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  return v;
}

function argsOf(args) {
  if (Array.isArray(args)) return args.map(toSql);
  const named = {};
  for (const k of Object.keys(args)) named[k] = toSql(args[k]);
  return named;
}

/**
 * How many prepared statements a connection keeps, the most recently used last. A post runs the
 * same dozen statements each time; preparing them afresh took about 0.65 ms of a 200-row post's
 * 7 ms on the writer.
 */
const PREPARED_KEPT = 200;

/** The statements of the connection `conn` gives (a new connection: `clear` first). */
export class Statements {
  /** Rows changed by the statements run since the caller last set it to 0. */
  changed = 0;
  #prepared = new Map();

  /** @param {() => import('libsql').Database} conn */
  constructor(conn) {
    this.conn = conn;
  }

  /** Forgets the prepared statements (the connection they belong to is closing or closed). */
  clear() {
    this.#prepared.clear();
  }

  /**
   * Runs one statement ({sql, args}): a statement that returns rows answers them (no count),
   * any other its count and last rowid.
   */
  run(stmt) {
    const prepared = this.#preparedFor(stmt.sql);
    const args = argsOf(stmt.args);
    if (prepared.reader) {
      const defs = prepared.columns();
      const rows = prepared.all(args);
      for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = fromSql(row[i]);
      return { columns: defs.map((c) => c.name), columnTypes: defs.map((c) => c.type ?? ''), rows, rowsAffected: 0, lastInsertRowid: undefined };
    }
    const info = prepared.run(args);
    this.changed += info.changes;
    return { columns: [], columnTypes: [], rows: [], rowsAffected: info.changes, lastInsertRowid: BigInt(info.lastInsertRowid) };
  }

  /** Runs each of `stmts` in order; a failure names its statement (`index`). */
  runAll(stmts) {
    return stmts.map((s, i) => {
      try { return this.run(s); } catch (e) { e.index = i; throw e; }
    });
  }

  #preparedFor(sql) {
    let statement = this.#prepared.get(sql);
    if (statement === undefined) {
      statement = this.conn().prepare(sql);
      statement.safeIntegers(true);
      if (statement.reader) statement.raw(true);
      if (this.#prepared.size >= PREPARED_KEPT) this.#prepared.delete(this.#prepared.keys().next().value);
    } else {
      this.#prepared.delete(sql);
    }
    this.#prepared.set(sql, statement);
    return statement;
  }
}
