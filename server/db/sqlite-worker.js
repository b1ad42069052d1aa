/**
 * A SQLite thread of one database file (sqlite-thread.ts starts it): it owns one libsql
 * connection to the file and runs statements of this process on it, so Node's main thread never
 * waits for SQLite. A file has two: the writer, whose connection runs every write, every session
 * and whatever must see them; and the reader, whose query_only connection runs the plain reads
 * of the last committed state (WAL lets it read while the writer writes), so they never queue
 * behind a write.
 *
 * Messages are served in the order they arrive. A unit (one statement, a batch, a script) runs
 * whole when its turn comes. A session (an interactive transaction or a write stream) holds the
 * connection from its `begin` until its `end`: messages of other callers that arrive meanwhile
 * wait, in order, and run once it commits or rolls back.
 *
 * A unit or a `begin` that finds the lock held by another process answers SQLITE_BUSY at once
 * (busy_timeout is 0, and the lock is taken by BEGIN IMMEDIATE through `exec`, which leaves no
 * statement behind that would keep the connection from committing); the caller tries again on a
 * timer (busy.ts), and this thread serves everyone else meanwhile.
 *
 * Plain JavaScript: Node runs it as it is, from the sources (tsx, vitest) and next to the bundle.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';
import { failure, Statements } from './sqlite-statements.js';

/** @type {string} */
const file = workerData.file;
/** @type {boolean} the reader: plain reads only, on a connection that cannot write */
const reader = workerData.reader === true;
/** @type {Int32Array} set to 1 once the connection is closed: the main thread waits for it */
const closed = workerData.closed;
/** @type {Int32Array} set by the writer once it has opened the file (1) or failed to (2): the reader waits for it */
const opened = workerData.opened;
/** How long the reader waits for the writer to open the file (the writer answers its failure). */
const OPEN_WAIT_MS = 10_000;
/** @type {import('libsql').Database | null} */
let db = null;
const statements = new Statements(() => conn());

/**
 * Opens the connection with every setting the ledger relies on (client.ts says why each one),
 * here only, so a reopen gets them too.
 */
function open() {
  statements.clear(); // those of the last connection
  const conn = new Database(file);
  try {
    conn.pragma('busy_timeout = 0');
    if (reader) {
      // The writer has made the file WAL; what else it sets only matters to writes.
      conn.pragma('query_only = ON');
    } else {
      conn.pragma('journal_mode = WAL');
      conn.pragma('synchronous = FULL');
      conn.pragma('foreign_keys = ON');
      // The log is copied into the file after a write has been answered (checkpointSoon), not
      // inside the COMMIT that crosses SQLite's threshold: that took 80-100 ms of a large post's
      // answer. Durability is the log's fsync at each commit either way.
      conn.pragma('wal_autocheckpoint = 0');
    }
  } catch (e) {
    conn.close();
    throw e;
  }
  db = conn;
}

function conn() {
  if (db === null) open();
  return /** @type {import('libsql').Database} */ (db);
}

/** Ends whatever transaction is left open (after a failure SQLite may have ended it already). */
function rollback() {
  if (db !== null && db.inTransaction) db.exec('ROLLBACK');
}

/** `fn` in a transaction begun by `begin`, committed when it returns and rolled back when it throws. */
function inTransaction(begin, fn) {
  conn().exec(begin);
  try {
    const out = fn();
    db.exec('COMMIT');
    return out;
  } finally {
    rollback();
  }
}

/**
 * Rows changed (statements.changed) from which the log is copied into the file. SQLite's own
 * threshold is 1,000 pages of log; a row changes a page of its table and one of each index, most
 * of them shared with its neighbours', so this many rows is about that much log.
 */
const CHECKPOINT_ROWS = 2000;

/**
 * Copies the log into the database file once enough has been written and no write is open,
 * after the answer has gone: PASSIVE, so it never waits for a reader (what a reader still needs
 * stays in the log for the next time). A failure changes nothing that was committed.
 */
function checkpointSoon() {
  if (reader || statements.changed < CHECKPOINT_ROWS || session !== null || db === null || db.inTransaction) return;
  statements.changed = 0;
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* the next one copies it */ }
}

/** The work of a unit, by its `op`; answers what goes back, or throws. */
const units = {
  /** One statement; one that changes the database takes the lock first, in a transaction of its own. */
  execute: (m) => (m.lock && !conn().inTransaction ? inTransaction('BEGIN IMMEDIATE', () => statements.run(m.statement)) : statements.run(m.statement)),
  batch: (m) => inTransaction(m.begin, () => statements.runAll(m.stmts)),
  /** A migration's statements with the foreign keys off (as @libsql/client's migrate does). */
  migrate: (m) => {
    conn().pragma('foreign_keys = OFF');
    try {
      return inTransaction('BEGIN IMMEDIATE', () => statements.runAll(m.stmts));
    } finally {
      db.pragma('foreign_keys = ON');
    }
  },
  /** A script; when it fails inside a transaction it began, that is undone, and the answer says so. */
  script: (m) => {
    try {
      conn().exec(m.sql);
    } catch (e) {
      const undone = db.inTransaction;
      if (undone) db.exec('ROLLBACK');
      e.undone = undone;
      throw e;
    }
  },
  reopen: () => {
    const old = db;
    db = null;
    statements.clear();
    old?.close();
    open();
  },
};

/**
 * The session holding the connection: its id, the port its messages come by (ids are its
 * caller's: another port's session 3 is another session), and the first failure of its pushed
 * statements.
 */
let session = null;

/** Whether `m` belongs to the session holding the connection. */
const ofSession = (m) => session !== null && m.session === session.id && m.port === session.port;

/** The work of a session's messages, by `op`. */
const sessionOps = {
  /** Takes the connection and begins the transaction; fails (busy, say) without holding anything. */
  begin: (m) => {
    conn().exec(m.sql);
    session = { id: m.session, port: m.port, stream: m.stream === true, failed: null, pushed: 0 };
  },
  /** Statements of a write stream: no answer; the first failure stops the rest and is told once. */
  push: (m) => {
    for (const stmt of m.stmts) {
      const index = session.pushed++;
      if (session.failed !== null) continue;
      try {
        statements.run(stmt);
      } catch (e) {
        session.failed = failure(e, index);
        m.port.postMessage({ failed: m.session, error: session.failed });
      }
    }
  },
  statements: (m) => statements.runAll(m.stmts),
  script: (m) => { conn().exec(m.sql); },
  /** Commits (unless told not to, or a pushed statement failed) or rolls back, and lets the next caller in. */
  end: (m) => {
    const failed = session.failed;
    session = null;
    try {
      if (m.commit && failed === null) db.exec('COMMIT');
    } finally {
      rollback();
    }
    if (m.commit && failed !== null) throw Object.assign(new Error(failed.message), { failed });
  },
};

/** Messages waiting for the connection, in the order they came. */
const waiting = [];

function next() {
  if (session === null) return waiting.shift();
  const i = waiting.findIndex(ofSession);
  return i < 0 ? undefined : waiting.splice(i, 1)[0];
}

const CLOSED = { name: 'Error', message: 'The transaction is closed', code: 'TRANSACTION_CLOSED' };

function serve(m) {
  const own = ofSession(m);
  let answer;
  try {
    if (m.session !== undefined && !own && m.op !== 'begin') throw Object.assign(new Error(CLOSED.message), { failed: CLOSED });
    const value = own || m.op === 'begin' ? sessionOps[m.op](m) : units[m.op](m);
    answer = { id: m.id, value };
  } catch (e) {
    answer = { id: m.id, error: e.failed ?? failure(e, e.index), undone: e.undone === true };
  }
  // A statement of an interactive transaction may have ended it (COMMIT, or a failure SQLite
  // rolled back): then the connection is free for the next caller. A write stream keeps it
  // until its end, which reports the failure.
  if (own && session !== null && !session.stream && !db.inTransaction) session = null;
  if (own) answer.ended = session === null;
  if (m.id !== undefined) m.port.postMessage(answer);
  checkpointSoon();
}

/**
 * A full garbage collection, on demand. libsql closes a connection only once the statements
 * prepared on it are gone too (their finalizers run after a collection, on a later turn), and
 * until then the file is still open: its log not checkpointed, and another connection that wants
 * it to itself is refused busy.
 */
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc');

parentPort.on('message', (m) => {
  if (m.op === 'close') {
    // The last client of the file closed: whatever a session left open is undone, the connection
    // closed for good, and then the main thread is told.
    statements.clear();
    try { rollback(); db?.close(); } catch { /* closing anyway */ }
    db = null;
    collect();
    setImmediate(() => {
      Atomics.store(closed, 0, 1);
      Atomics.notify(closed, 0);
      for (const port of attached) port.close();
      parentPort.close();
    });
    return;
  }
  // Only the tests of a lost thread send it: the thread ends as an uncaught error would end it.
  if (m.op === 'crash') throw new Error('crash asked for');
  if (m.op === 'attach') return attach(m.port);
  receive(m, parentPort);
});

/** The ports of other threads (attach), closed with the connection. */
const attached = new Set();

/** Takes `m`, which came by `port` (answers go back by it), in its turn. */
function receive(m, port) {
  m.port = port;
  waiting.push(m);
  for (let m2 = next(); m2 !== undefined; m2 = next()) serve(m2);
}

/**
 * Serves another thread of this process (a post thread) by `port`, as it serves the main
 * thread. When that thread is gone (the port closes), its messages still waiting are dropped and
 * a write it left open is rolled back: a thread that is gone must not hold the connection.
 */
function attach(port) {
  attached.add(port);
  port.on('message', (m) => receive(m, port));
  port.on('close', () => {
    attached.delete(port);
    for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i].port === port) waiting.splice(i, 1);
    if (session !== null && session.port === port) {
      session = null;
      try { rollback(); } catch { /* the connection is free either way */ }
    }
    for (let m2 = next(); m2 !== undefined; m2 = next()) serve(m2);
  });
}

try {
  if (reader) {
    // A new file becomes WAL when the writer opens it: the reader opens it after that, and not
    // at all when the writer could not (the writer says why).
    Atomics.wait(opened, 0, 0, OPEN_WAIT_MS);
    if (Atomics.load(opened, 0) !== 1) throw new Error('The writer did not open the database file');
    open();
  } else {
    try {
      open();
      Atomics.store(opened, 0, 1);
    } finally {
      Atomics.compareExchange(opened, 0, 0, 2);
      Atomics.notify(opened, 0);
    }
  }
  parentPort.postMessage({ ready: true });
} catch (e) {
  parentPort.postMessage({ ready: false, error: failure(e) });
}
