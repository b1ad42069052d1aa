/**
 * The post thread: a worker thread that decodes, checks and posts large batches (worker.ts), so
 * a 100,000-row sheet's parsing and checking (a few hundred milliseconds of JavaScript) never
 * hold up Node's main thread, which goes on answering traces, lookups and other clerks. The main
 * thread reads the request's bytes, hands them over, and answers what the post thread answers.
 * The post thread speaks to the database file's SQLite threads itself, over ports the main
 * thread attaches for it (SqliteThread.attach): they serve it in turn with the main thread.
 *
 * A post thread that ends (an uncaught error, or the SQLite threads it was attached to ended)
 * fails the posts it had, and the SQLite writer rolls back a write it left open; the next post
 * starts a new one, attached to the file's threads of the moment.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { threadFor, type SqliteThread } from '../db/sqlite-thread';
import type { BatchPostAnswer, BatchPostJob } from '../routes/batches';
import { errorFromWire, type WireError } from './wire';

/**
 * Next to the bundle the worker is post-worker.js (bin/build-server.js); from the sources (tsx,
 * vitest) it is TypeScript, which the worker's first lines teach Node to load with tsx's loader.
 */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const SCRIPT: URL | string = FROM_SOURCES ? fromSources() : new URL('./post-worker.js', import.meta.url);

/**
 * The worker's first lines from the sources: tsx's ESM API (the file its package.json exports for
 * `import`), found from here whatever folder the server runs in.
 */
function fromSources(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const tsx = pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api'].import.default)).href;
  const worker = new URL('./worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); })`;
}

/** What the post thread is told when it starts (besides its ports). */
export interface PostThreadData {
  file: string;
  maxRows: number;
  /** Whether a large post asks for full collections of the heaps (server/full-collection.ts). */
  collect: boolean;
}

/** How a post thread is made: `collect` collects this thread's heap when a large post asks. */
export interface PostThreadOptions {
  maxRows: number;
  collect?: () => void;
}

type FromWorker = { id: number; status?: 200 | 201; body?: Record<string, unknown>; error?: WireError } | { collect: true };

export class PostThread {
  #worker: Promise<Worker> | null = null;
  /** The SQLite threads the post thread is attached to: when they are gone, so is its use. */
  #link: SqliteThread | null = null;
  readonly #pending = new Map<number, { resolve: (a: BatchPostAnswer) => void; reject: (e: Error) => void }>();
  #ids = 0;
  #closed = false;

  /** `file`: the database file (a path), whose SQLite threads the post thread is attached to. */
  constructor(private readonly file: string, private readonly opts: PostThreadOptions) {}

  /** Starts the post thread now, so the first large post does not wait for it (about 0.1 s). */
  start(): Promise<unknown> {
    return (this.#worker ??= this.#start()).catch(() => undefined);
  }

  /**
   * Posts `job` on the post thread: its answer, or the error it was refused with (a LedgerError
   * or ApiError as the route would have thrown it).
   */
  async post(job: BatchPostJob): Promise<BatchPostAnswer> {
    if (this.#closed) throw new Error('The server is closing.');
    // The file's SQLite threads were replaced (one died): a new post thread for the new ones.
    if (this.#link?.gone) await this.stop();
    const worker = await (this.#worker ??= this.#start());
    const id = ++this.#ids;
    return new Promise<BatchPostAnswer>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      // The chunks are handed over, not copied: this thread keeps none of the body. What it read
      // them from is garbage now, held outside the heap until a collection that this idle thread
      // would not run for a while: one runs now (this thread's heap is small, a few ms).
      worker.postMessage({ id, chunks: job.chunks, key: job.key, auth: job.auth, now: job.now.toISOString() },
        job.chunks.map((c) => c.buffer as ArrayBuffer));
      if (this.opts.collect) setTimeout(this.opts.collect, 0);
    });
  }

  /** Ends the post thread for good (the server is closing): see `stop`. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.stop();
  }

  /**
   * Ends the post thread: posts still on it fail, the SQLite writer rolls back its open write,
   * and the file's threads are let go (closed when the main thread's clients let go too). The
   * next post starts a new one.
   */
  async stop(): Promise<void> {
    const worker = await this.#worker?.catch(() => null);
    if (!worker) return;
    const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await worker.terminate();
    await ended;
  }

  async #start(): Promise<Worker> {
    const link = threadFor(this.file);
    try {
      await link.ready;
    } catch (e) {
      link.release();
      this.#worker = null;
      throw e;
    }
    const ports = link.attach();
    this.#link = link;
    const data: PostThreadData = { file: this.file, maxRows: this.opts.maxRows, collect: this.opts.collect !== undefined };
    const worker = new Worker(SCRIPT, {
      workerData: { ...data, ...ports },
      transferList: ports.reader ? [ports.writer, ports.reader] : [ports.writer],
      eval: FROM_SOURCES,
      execArgv: [], // none of the main thread's own flags (some stop a worker from starting)
    });
    worker.on('message', (m: FromWorker) => {
      if ('collect' in m) return void setTimeout(this.opts.collect ?? (() => undefined), 0);
      const waiting = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (this.#pending.size === 0) worker.unref();
      if (!waiting) return;
      if (m.error) waiting.reject(errorFromWire(m.error));
      else waiting.resolve({ status: m.status!, body: m.body! });
    });
    let failure: Error | null = null;
    worker.on('error', (e) => { failure = e; });
    worker.once('exit', () => {
      this.#worker = null;
      this.#link = null;
      link.release();
      const why = failure ?? new Error('The post thread has ended.');
      for (const waiting of this.#pending.values()) waiting.reject(why);
      this.#pending.clear();
    });
    worker.unref();
    return worker;
  }
}
