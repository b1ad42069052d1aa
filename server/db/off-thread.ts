/**
 * The embedded client's write stream: one write transaction on a connection, whose statements
 * run on libSQL's own thread, in the order they were pushed, while Node's thread goes on.
 */
import AsyncDatabase from 'libsql/promise';
import { LibsqlError, type InStatement, type ResultSet, type Row } from '@libsql/client';
import { batchError, libsqlError, normalise, resultSet, rowOf, type Connection } from './statements';
import type { WriteStream } from './write-stream';

/**
 * The stream of the write transaction that `conn` has just begun (BEGIN IMMEDIATE, so it holds
 * SQLite's write lock); `release` gives the connection's turn back once the write commits or aborts.
 */
export function openWriteOn(conn: Connection, release: () => void): WriteStream {
  const db = offThread(conn);
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

type OffThreadStatement = { stmt: unknown; pluckMode: boolean; raw(on: boolean): unknown; iterate(args: unknown): Promise<Iterator<unknown[]>> };

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
    const there = Object.create(offThreadStatement) as OffThreadStatement;
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
