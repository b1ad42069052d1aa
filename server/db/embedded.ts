/**
 * The embedded database on Node: a libSQL file behind @libsql/client's `Client` interface (the
 * same rows and errors, checked against it by embedded.test.ts), whose statements all run on
 * the file's SQLite thread (sqlite-worker.js, one per file in this process), never on Node's
 * main thread; plus a write stream whose statements run there while the caller makes the next.
 *
 * Why not @libsql/client's client: it runs every statement on Node's main thread, so a large
 * post's second of SQLite work blocked everything else, and the checks and the JSON of a post
 * could not go on while SQLite wrote; and its single connection refuses other callers while an
 * interactive transaction holds it, where this one queues them.
 *
 * A plain read (a query outside any session: `execute`, or a batch of queries) goes to the
 * file's reader thread (sqlite-thread.ts) and answers from the last committed state at once,
 * even while a write holds the writer: everything committed before it was sent, nothing of a
 * write still open. Reads inside a session run on the writer and see its own rows.
 *
 * When another process holds the file's write lock, a write waits for it without blocking any
 * thread (busy.ts): the SQLite thread answers SQLITE_BUSY at once, and the write is sent again
 * on a timer, until LOCK_WAIT_MS have passed; then it fails with SQLITE_BUSY. Meanwhile the
 * thread serves this process's other statements (WAL readers need no lock).
 */
import {
  LibsqlError, type Client, type InArgs, type InStatement, type Replicated, type ResultSet, type Transaction,
  type TransactionMode,
} from '@libsql/client';
import { isBusy, retryWhileBusy } from './busy';
import { streamOn } from './embedded-write';
import { threadFor, type Answer, type Message, type ThreadLink, type WireResult } from './sqlite-thread';
import { changesDatabase, errorOf, normalise, onlyReads, resultSetOf } from './statements';
import type { WriteStream } from './write-stream';

/**
 * Opens the database file at `file` (a path, or ':memory:'); `ready()` tells whether it opened.
 * @example const db = openEmbedded('data/lotledger.db'); await db.ready();
 */
export function openEmbedded(file: string): EmbeddedClient {
  return new EmbeddedClient(file);
}

/**
 * A client of `file` on another thread of this process, over the SQLite threads the main thread
 * attached to it (`link`, a PortThread): it cannot start threads of its own.
 */
export function openEmbeddedOver(file: string, link: ThreadLink): EmbeddedClient {
  return new EmbeddedClient(file, link);
}

export class EmbeddedClient implements Client {
  readonly protocol = 'file';
  closed = false;
  #thread: ThreadLink;
  /** Whether this client starts its own threads (the main thread's) or was given them (another thread's). */
  readonly #own: boolean;

  constructor(readonly file: string, link?: ThreadLink) {
    this.#own = link === undefined;
    this.#thread = link ?? threadFor(file);
  }

  /** Resolves once the file is open with the connection's settings; rejects with why not. */
  ready(): Promise<void> {
    return this.#thread.ready;
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    const lock = changesDatabase(stmt);
    return this.#unit(() => ({ op: 'execute', statement: normalise(stmt), lock }), resultSetOf, { read: !lock && onlyReads(stmt) });
  }

  batch(given: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    const stmts = given.map((s) => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s));
    // A deferred batch that writes takes the lock at its start, so no statement of it can fail busy.
    const writes = mode === 'write' || (mode === 'deferred' && stmts.some(changesDatabase));
    return this.#unit(() => ({ op: 'batch', stmts: stmts.map(normalise), begin: writes ? 'BEGIN IMMEDIATE' : beginFor(mode) }), resultSetsOf,
      { inBatch: true, read: !writes && stmts.every(onlyReads) });
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#unit(() => ({ op: 'migrate', stmts: stmts.map(normalise) }), resultSetsOf, { inBatch: true });
  }

  /**
   * An interactive transaction. A 'deferred' one takes the write lock at its start too, as a
   * 'write' one does: its statements cannot be known beforehand, and none of them may fail busy.
   */
  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const sql = mode === 'read' ? beginFor(mode) : 'BEGIN IMMEDIATE';
    const { thread, session } = await this.#begin(sql, false);
    return new EmbeddedTransaction(thread, session);
  }

  executeMultiple(sql: string): Promise<void> {
    // Tried again only when the failure undid all it did: its statements ran in a transaction
    // of their own (as migrations do). Without one, those before the busy one are kept.
    let undone = false;
    return this.#unit(() => ({ op: 'script', sql }), () => undefined,
      { seen: (a) => { undone = a.undone === true; }, mayRetry: (e) => undone && isBusy(e) });
  }

  /**
   * Opens a write transaction (BEGIN IMMEDIATE) whose statements run in order on the SQLite
   * thread: `push` returns at once, so the caller makes the next statements while SQLite runs
   * the last. Other callers wait their turn until it commits or aborts.
   */
  async openWrite(): Promise<WriteStream> {
    this.#checkOpen();
    const thread = await this.#live();
    // The begin is not waited for: the caller's first statements follow it at once, a round
    // trip less a write (one turn of this thread that other callers wait for, as the begun
    // write holds the writer). When the file is busy the stream throws that, marked `notBegun`,
    // and the caller tries the write again whole (storeOver).
    const session = thread.session();
    const begun = thread.call({ op: 'begin', session, sql: 'BEGIN IMMEDIATE', stream: true });
    return streamOn(thread, session, begun);
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError('An embedded database file has nothing to sync with', 'SYNC_NOT_SUPPORTED');
  }

  /**
   * Opens the connection again (with the same settings), after what was sent before; on a new
   * thread if this client was closed or its thread has failed.
   */
  reconnect(): void {
    if (!this.closed && !this.#thread.gone) {
      this.#thread.reopen();
      return;
    }
    if (!this.#own) return; // threads it was given: only the main thread can give it others
    if (!this.closed) this.#thread.release();
    this.#thread = threadFor(this.file);
    this.closed = false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#thread.release();
  }

  #checkOpen(): void {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  /**
   * Sends the unit `make` makes (made on each try: a bad argument fails it) to the writer, or
   * to the reader if it is a plain `read`, and shapes its answer; if it fails busy (and
   * `mayRetry` agrees), sends it again later, as busy.ts says.
   */
  #unit<T>(make: () => Message, shape: (value: never) => T, how: UnitOptions = {}): Promise<T> {
    const { inBatch = false, read = false, seen = () => undefined, mayRetry = isBusy } = how;
    return retryWhileBusy(async () => {
      this.#checkOpen();
      const thread = await this.#live();
      const message = make();
      const answer = await (read ? thread.read(message) : thread.call(message));
      seen(answer);
      if (answer.error) throw errorOf(answer.error, inBatch);
      return shape(answer.value as never);
    }, mayRetry);
  }

  /**
   * The client's threads, new ones when these have died on their own (a bug, or out of memory
   * in the worker): what was sent to them has failed, but the file is still there, and a server
   * must not answer every later request with the error of one. A client that was closed stays so.
   */
  async #live(): Promise<ThreadLink> {
    if (this.#thread.gone && !this.closed && this.#own) {
      this.#thread.release();
      this.#thread = threadFor(this.file);
    }
    await this.#thread.ready;
    return this.#thread;
  }

  /** Begins a session's transaction with `sql` (tried again while busy); answers the session and its thread. */
  async #begin(sql: string, stream: boolean): Promise<{ thread: ThreadLink; session: number }> {
    let session = 0;
    let thread = this.#thread;
    await this.#unit(() => {
      thread = this.#thread;
      return { op: 'begin', session: (session = thread.session()), sql, stream };
    }, () => undefined);
    return { thread, session };
  }
}

/** How a unit is sent: `inBatch` (its errors name a statement), `read` (a plain read, for the reader), and for retries. */
interface UnitOptions { inBatch?: boolean; read?: boolean; seen?: (a: Answer) => void; mayRetry?: (e: unknown) => boolean }

const resultSetsOf = (value: WireResult[]) => value.map(resultSetOf);

/** An interactive transaction: holds the connection until it commits, rolls back or closes. */
class EmbeddedTransaction implements Transaction {
  #closed = false;

  constructor(private readonly thread: ThreadLink, private readonly session: number) {}

  get closed(): boolean {
    return this.#closed;
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    return (await this.#send({ op: 'statements', stmts: [normalise(stmt)] }, false) as WireResult[]).map(resultSetOf)[0];
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return (await this.#send({ op: 'statements', stmts: stmts.map(normalise) }, true) as WireResult[]).map(resultSetOf);
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.#send({ op: 'script', sql }, false);
  }

  async commit(): Promise<void> {
    await this.#send({ op: 'end', commit: true }, false);
    this.#closed = true;
  }

  async rollback(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.thread.call({ op: 'end', session: this.session, commit: false });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.thread.post({ op: 'end', session: this.session, commit: false });
  }

  async #send(message: Message, inBatch: boolean): Promise<unknown> {
    if (this.#closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    const answer = await this.thread.call({ ...message, session: this.session });
    if (answer.ended) this.#closed = true;
    if (answer.error) throw errorOf(answer.error, inBatch);
    return answer.value;
  }
}

const beginFor = (mode: TransactionMode): string =>
  mode === 'write' ? 'BEGIN IMMEDIATE' : mode === 'read' ? 'BEGIN TRANSACTION READONLY' : 'BEGIN DEFERRED';
