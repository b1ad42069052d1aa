/**
 * One statement on a libsql connection, run and answered as @libsql/client's sqlite3 client
 * does: arguments converted the same way, rows shaped the same way (values by index and by
 * column name), integers as numbers, errors as LibsqlError with the same codes and message.
 */
import Database from 'libsql';
import { LibsqlBatchError, LibsqlError, type InStatement, type InValue, type ResultSet, type Row } from '@libsql/client';

export type Connection = InstanceType<typeof Database>;

/** The SQL and the arguments of a statement, as libsql takes them. */
export function normalise(stmt: InStatement): { sql: string; args: unknown[] | Record<string, unknown> } {
  if (typeof stmt === 'string') return { sql: stmt, args: [] };
  const given = stmt.args ?? [];
  if (Array.isArray(given)) return { sql: stmt.sql, args: given.map(valueToSql) };
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given)) named[k[0] === '@' || k[0] === '$' || k[0] === ':' ? k.slice(1) : k] = valueToSql(v);
  return { sql: stmt.sql, args: named };
}

const CHANGING = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|WITH)\b/i;
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

/** Runs one statement on this thread, as @libsql/client's sqlite3 client does. */
export function executeOn(conn: Connection, stmt: InStatement): ResultSet {
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

export function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
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
export function rowOf(values: unknown[], columns: string[]): Row {
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
export function libsqlError(e: unknown): unknown {
  if (e instanceof LibsqlError || !(e instanceof Database.SqliteError)) return e;
  const f = e as SqliteFailure;
  const code = f.rawCode === undefined ? 'SQLITE_UNKNOWN' : BASE_CODES[f.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${f.rawCode & 0xff}`;
  return new LibsqlError(f.message, code, f.code, f.rawCode, f);
}

export function batchError(e: unknown, index: number): unknown {
  const err = libsqlError(e);
  if (!(err instanceof LibsqlError) || err instanceof LibsqlBatchError) return err;
  // The message keeps its code and gets it again, as @libsql/client's own batch errors do.
  return new LibsqlBatchError(err.message, index, err.code, err.extendedCode, err.rawCode, err.cause instanceof Error ? err.cause : undefined);
}
