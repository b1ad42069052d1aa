/**
 * Statements and their answers on the main thread, as @libsql/client's sqlite3 client makes
 * them: arguments converted the same way, rows shaped the same way (values by index and by
 * column name), errors as LibsqlError with the same codes and message. The SQLite thread
 * (sqlite-worker.js) runs the statements and gives integers as numbers and blobs as ArrayBuffers.
 */
import { LibsqlBatchError, LibsqlError, type InStatement, type InValue, type ResultSet, type Row } from '@libsql/client';
import type { WireError, WireResult, WireStatement } from './sqlite-thread';

/** The SQL and the arguments of a statement, as they go to the SQLite thread. */
export function normalise(stmt: InStatement): WireStatement {
  if (typeof stmt === 'string') return { sql: stmt, args: [] };
  const given = stmt.args ?? [];
  if (Array.isArray(given)) return { sql: stmt.sql, args: given.map(valueToSql) };
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given)) named[k[0] === '@' || k[0] === '$' || k[0] === ':' ? k.slice(1) : k] = valueToSql(v);
  return { sql: stmt.sql, args: named };
}

/** Whitespace and comments before a statement's first keyword. */
const LEAD = String.raw`^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*`;
const CHANGING = new RegExp(`${LEAD}(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|WITH)\\b`, 'i');
const QUERY = new RegExp(`${LEAD}(?:SELECT|WITH|VALUES)\\b`, 'i');
const WITH_CHANGING = /\b(?:INSERT|UPDATE|DELETE|REPLACE)\b/i;

/**
 * Whether a statement may change the database, so must hold SQLite's write lock: by its first
 * keyword (a WITH by the verbs it holds; a read that mentions one only takes the lock early).
 * Transaction control and PRAGMAs are not: they run as they are.
 * @example changesDatabase('INSERT INTO t VALUES (1)') // true
 */
export function changesDatabase(stmt: InStatement): boolean {
  const sql = typeof stmt === 'string' ? stmt : stmt.sql;
  const first = CHANGING.exec(sql)?.[1];
  return first !== undefined && (first.toUpperCase() !== 'WITH' || WITH_CHANGING.test(sql));
}

/**
 * Whether a statement is a query and nothing else (no write, no PRAGMA, no transaction control),
 * so may run on the file's reader. (A query of one connection's own state, last_insert_rowid()
 * say, would get the reader's.)
 * @example onlyReads('SELECT 1') // true; onlyReads('PRAGMA user_version') // false
 */
export function onlyReads(stmt: InStatement): boolean {
  return QUERY.test(typeof stmt === 'string' ? stmt : stmt.sql) && !changesDatabase(stmt);
}

/** A result set from the SQLite thread. */
export function resultSetOf(r: WireResult): ResultSet {
  return resultSet(r.columns, r.columnTypes, r.rows.map((values) => rowOf(values, r.columns)), r.rowsAffected, r.lastInsertRowid);
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
    const value = values[i];
    Object.defineProperty(row, i, { value });
    if (!Object.hasOwn(row, columns[i])) {
      Object.defineProperty(row, columns[i], { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return row as Row;
}

function valueToSql(v: InValue): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (typeof v === 'boolean') return v ? 1 : 0;
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

/**
 * An error from the SQLite thread as @libsql/client reports it: SQLite's as LibsqlError (base
 * code, extended code, raw code), a statement of a batch's as LibsqlBatchError naming it (when
 * `inBatch`), others as the error they were (a RangeError, say).
 */
export function errorOf(w: WireError, inBatch = false): Error {
  if (w.sqlite) {
    const code = w.rawCode === undefined ? 'SQLITE_UNKNOWN' : BASE_CODES[w.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${w.rawCode & 0xff}`;
    const cause = Object.assign(new Error(w.message), { code: w.code, rawCode: w.rawCode });
    const err = new LibsqlError(w.message, code, w.code, w.rawCode, cause);
    // A batch's message keeps its code and gets it again, as @libsql/client's own batch errors do.
    return inBatch && w.index !== undefined ? new LibsqlBatchError(err.message, w.index, code, w.code, w.rawCode, cause) : err;
  }
  if (w.code !== undefined) return new LibsqlError(w.message, w.code);
  const Kind = w.name === 'RangeError' ? RangeError : w.name === 'TypeError' ? TypeError : Error;
  return new Kind(w.message);
}
