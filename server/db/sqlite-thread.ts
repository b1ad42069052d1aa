/**
 * The main thread's side of a database file's SQLite threads (sqlite-worker.js): one writer per
 * file in this process, shared by every client of that file, started with the first and closed
 * with the last, and beside it a reader for the plain reads. Messages to a thread go over in the
 * order they are sent, which is the order it serves them in; answers come back by id.
 *
 * A thread keeps the process alive only while an answer is awaited: an idle server, or a
 * script that has closed its clients, exits as if it had no database thread.
 */
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { errorOf } from './statements';

/** Next to this module in the sources, and next to the bundle (bin/build-server.js copies it). */
const SCRIPT = new URL('./sqlite-worker.js', import.meta.url);

/** The longest `release` waits for the thread to close the connection (it ends its statement first). */
const CLOSE_WAIT_MS = 10_000;

/** A statement as it crosses: SQL and arguments that structured cloning keeps. */
export interface WireStatement { sql: string; args: unknown[] | Record<string, unknown> }

/** An error as it crosses: name, message and SQLite codes; `index`: the statement of a batch that failed. */
export interface WireError { name: string; message: string; code?: string; rawCode?: number; sqlite?: boolean; index?: number }

/** A result set as it crosses: rows as arrays of values. */
export interface WireResult {
  columns: string[]; columnTypes: string[]; rows: unknown[][]; rowsAffected: number; lastInsertRowid: bigint | undefined;
}

/** The worker's answer to a message: its value or its error; `ended`: the session is over. */
export interface Answer { value?: unknown; error?: WireError; undone?: boolean; ended?: boolean }

export type Message = { op: string; session?: number } & Record<string, unknown>;

/**
 * What a client of the file (embedded.ts) needs of its SQLite threads: this module's
 * SqliteThread on the main thread, a PortThread (port-thread.ts) on another thread.
 */
export interface ThreadLink {
  readonly ready: Promise<void>;
  readonly gone: boolean;
  session(): number;
  call(message: Message): Promise<Answer>;
  read(message: Message): Promise<Answer>;
  post(message: Message): void;
  onFailed(session: number, listener: ((e: WireError) => void) | null): void;
  reopen(): void;
  release(): void;
}

/**
 * Hands a SQLite thread's message to whom it is for: an answer to the call waiting for its id
 * (`settle` then runs), a failed push to its session's listener.
 */
export function delivered(
  m: Answer & { id?: number; failed?: number }, pending: Map<number, (a: Answer) => void>,
  onFailed: Map<number, (e: WireError) => void>, settle: () => void,
): void {
  if (m.failed !== undefined) {
    onFailed.get(m.failed)?.(m.error!);
  } else if (m.id !== undefined) {
    const answer = pending.get(m.id);
    pending.delete(m.id);
    settle();
    answer?.(m);
  }
}

export class SqliteThread implements ThreadLink {
  /** Resolves once the connections are open with their settings; rejects with why one could not be. */
  readonly ready: Promise<void>;
  users = 0;
  /**
   * The reader: a thread of its own whose connection reads the last committed state while the
   * writer writes (WAL), so a plain read never waits for a write. None for ':memory:', which no
   * other connection can see; then this thread reads too.
   */
  readonly #reader: SqliteThread | null;
  readonly #worker: Worker;
  readonly #pending = new Map<number, (a: Answer) => void>();
  readonly #onFailed = new Map<number, (e: WireError) => void>();
  #ids = 0;
  #sessions = 0;
  /** Why the thread is gone; a writer's is set too when its reader goes. */
  #gone: WireError | null = null;
  readonly #lose: (why: string) => void;
  #exited = false;
  /** Set to 1 by the thread once it has closed the connection. */
  readonly #closed = new Int32Array(new SharedArrayBuffer(4));

  /** `reader`: the reader beside the writer whose loss it shares, with the writer's `opened` flag. */
  constructor(file: string, private readonly key: string | null, reader?: { writer: SqliteThread; opened: Int32Array }) {
    // Set by the writer once it has opened the file (made it WAL) or failed to: the reader opens after that.
    const opened = reader?.opened ?? new Int32Array(new SharedArrayBuffer(4));
    // No flags of the main thread: the script is plain JavaScript (it needs no tsx loader), and
    // some flags (--input-type, say) stop a worker from starting.
    this.#worker = new Worker(SCRIPT, { workerData: { file, closed: this.#closed, opened, reader: reader !== undefined }, execArgv: [] });
    this.#reader = reader || file === ':memory:' ? null : new SqliteThread(file, null, { writer: this, opened });
    let started!: (e: WireError | null) => void;
    const own = new Promise<WireError | null>((resolve) => { started = resolve; })
      .then((e) => { if (e) throw errorOf(e); });
    const beside = this.#reader?.ready;
    beside?.catch(() => undefined); // when the writer could not open the file, its own error is the one told
    this.ready = beside ? own.then(() => beside) : own;
    this.ready.catch(() => undefined); // awaited by openDatabase; a client used without it gets the error per call
    this.#worker.on('message', (m: Answer & { id?: number; ready?: boolean; failed?: number }) => {
      if (m.ready !== undefined) {
        started(m.ready ? null : m.error!);
        this.#settle();
      } else {
        delivered(m, this.#pending, this.#onFailed, () => this.#settle());
      }
    });
    const lost = (why: string) => {
      this.#gone ??= { name: 'Error', message: why, code: 'CLIENT_CLOSED' };
      if (this.key !== null && threads.get(this.key) === this) threads.delete(this.key);
      started({ name: 'Error', message: why });
      for (const answer of this.#pending.values()) answer({ error: this.#gone });
      this.#pending.clear();
      // A file's threads are one: a client whose reader has failed takes a new pair.
      if (reader) reader.writer.#lose(why);
    };
    this.#lose = lost;
    // An uncaught error ends the thread; the answers it sent before are delivered before its
    // exit, so the pending calls fail only then: a write that committed is answered as done.
    let failure: string | null = null;
    this.#worker.on('error', (e) => { failure = `The database thread failed: ${e.message}`; });
    this.#worker.on('exit', () => {
      this.#exited = true;
      lost(failure ?? 'The database thread has ended');
    });
  }

  /** Whether the thread or its reader has ended (closed, or failed): a client must take a new one. */
  get gone(): boolean {
    return this.#gone !== null;
  }

  /**
   * Makes the writer fail as an uncaught error in it would, once it has served what was sent
   * before (the tests of a lost thread use it; ending a worker from outside while libsql runs a
   * statement aborts the whole process). Resolves once the thread has ended.
   */
  crash(): Promise<void> {
    const ended = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.post({ op: 'crash' });
    return ended;
  }

  /**
   * Ports to the writer and the reader for another thread of this process (a post thread), which
   * they serve as they serve this one (port-thread.ts). Each end is to be transferred.
   */
  attach(): { writer: MessagePort; reader: MessagePort | null } {
    const connect = (worker: Worker) => {
      const channel = new MessageChannel();
      worker.postMessage({ op: 'attach', port: channel.port2 }, [channel.port2]);
      return channel.port1;
    };
    return { writer: connect(this.#worker), reader: this.#reader ? connect(this.#reader.#worker) : null };
  }

  /** A new session id (an interactive transaction or a write stream). */
  session(): number {
    return ++this.#sessions;
  }

  /** Sends `message` and answers the worker's answer to it. */
  call(message: Message): Promise<Answer> {
    if (this.#gone) return Promise.resolve({ error: this.#gone });
    const id = ++this.#ids;
    const answered = new Promise<Answer>((resolve) => this.#pending.set(id, resolve));
    this.#worker.postMessage({ ...message, id });
    this.#settle();
    return answered;
  }

  /**
   * Sends a plain read (one not in a session) to the reader, which answers from the last
   * committed state: all that was committed before it is sent, none of a write still open.
   */
  read(message: Message): Promise<Answer> {
    return this.#gone ? Promise.resolve({ error: this.#gone }) : (this.#reader ?? this).call(message);
  }

  /** Opens the connections again, with the same settings, after what was sent to each before. */
  reopen(): void {
    this.post({ op: 'reopen' });
    this.#reader?.post({ op: 'reopen' });
  }

  /** Sends `message` with no answer wanted (a write stream's statements). */
  post(message: Message): void {
    if (!this.#gone) this.#worker.postMessage(message);
  }

  /** Calls `listener` with the first failure of a session's pushed statements; null: no more. */
  onFailed(session: number, listener: ((e: WireError) => void) | null): void {
    if (listener) this.#onFailed.set(session, listener);
    else this.#onFailed.delete(session);
  }

  /** One client of the file is done with it; the last one closes the connections and the threads. */
  release(): void {
    if (--this.users > 0) return;
    if (this.key !== null && threads.get(this.key) === this) threads.delete(this.key);
    this.#close();
    if (this.#reader) this.#reader.#close();
    // Closing is done when close() returns, as a connection's close is: whoever opens the file
    // next (another client, another process) must not find it still held, its log being
    // checkpointed. The threads need nothing from this one to get there.
    this.#closedWait();
    if (this.#reader) this.#reader.#closedWait();
  }

  #close(): void {
    this.#gone ??= { name: 'Error', message: 'The client is closed', code: 'CLIENT_CLOSED' };
    this.#worker.postMessage({ op: 'close' });
  }

  #closedWait(): void {
    if (!this.#exited) Atomics.wait(this.#closed, 0, 0, CLOSE_WAIT_MS);
    this.#worker.unref();
  }

  /** Keeps the process alive while an answer (or the opening) is awaited, and only then. */
  #settle(): void {
    if (this.#pending.size > 0) this.#worker.ref();
    else this.#worker.unref();
  }
}

const threads = new Map<string, SqliteThread>();

/** The threads `file` has now in this process, if any (no client is added). */
export function runningThread(file: string): SqliteThread | undefined {
  return file === ':memory:' ? undefined : threads.get(path.resolve(file));
}

/**
 * The SQLite thread of `file` (a path, or ':memory:', which gets a thread of its own each time:
 * no other connection can see it), with one more client using it.
 * @example const thread = threadFor('data/lotledger.db'); await thread.ready;
 */
export function threadFor(file: string): SqliteThread {
  const key = file === ':memory:' ? null : path.resolve(file);
  let thread = key === null ? undefined : threads.get(key);
  if (!thread) {
    thread = new SqliteThread(file, key);
    if (key !== null) threads.set(key, thread);
  }
  thread.users++;
  return thread;
}
