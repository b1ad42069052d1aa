/**
 * A database file's SQLite threads seen from another thread of this process (a post thread,
 * server/post-thread): the same messages as the main thread sends them (sqlite-thread.ts), over
 * MessagePorts the main thread attached to the writer and the reader (`SqliteThread.attach`).
 * The SQLite threads serve it in turn with the main thread's own callers; its sessions are its own.
 *
 * It cannot start SQLite threads of its own: when they end (or the main thread closes the file),
 * its ports close, every call fails, and `gone` says so; the main thread attaches a new one.
 */
import type { MessagePort } from 'node:worker_threads';
import { delivered, type Answer, type Message, type ThreadLink, type WireError } from './sqlite-thread';

export class PortThread implements ThreadLink {
  readonly ready = Promise.resolve();
  readonly #pending = new Map<number, (a: Answer) => void>();
  readonly #onFailed = new Map<number, (e: WireError) => void>();
  #ids = 0;
  #sessions = 0;
  #gone: WireError | null = null;

  /** `lost`: told once, when the SQLite threads are gone. */
  constructor(private readonly writer: MessagePort, private readonly reader: MessagePort | null, lost?: () => void) {
    for (const port of reader ? [writer, reader] : [writer]) {
      port.on('message', (m: Answer & { id?: number; failed?: number }) => delivered(m, this.#pending, this.#onFailed, () => this.#settle()));
      port.on('close', () => {
        if (this.#gone === null) lost?.();
        this.#lose('The database thread has ended');
      });
    }
    this.#settle();
  }

  get gone(): boolean {
    return this.#gone !== null;
  }

  session(): number {
    return ++this.#sessions;
  }

  call(message: Message): Promise<Answer> {
    return this.#send(this.writer, message);
  }

  read(message: Message): Promise<Answer> {
    return this.#send(this.reader ?? this.writer, message);
  }

  post(message: Message): void {
    if (!this.#gone) this.writer.postMessage(message);
  }

  onFailed(session: number, listener: ((e: WireError) => void) | null): void {
    if (listener) this.#onFailed.set(session, listener);
    else this.#onFailed.delete(session);
  }

  reopen(): void {
    this.post({ op: 'reopen' });
    if (!this.#gone) this.reader?.postMessage({ op: 'reopen' });
  }

  release(): void {
    this.#lose('The client is closed');
    this.writer.close();
    this.reader?.close();
  }

  #send(port: MessagePort, message: Message): Promise<Answer> {
    if (this.#gone) return Promise.resolve({ error: this.#gone });
    const id = ++this.#ids;
    const answered = new Promise<Answer>((resolve) => this.#pending.set(id, resolve));
    port.postMessage({ ...message, id });
    this.#settle();
    return answered;
  }

  #lose(why: string): void {
    this.#gone ??= { name: 'Error', message: why, code: 'CLIENT_CLOSED' };
    for (const answer of this.#pending.values()) answer({ error: this.#gone });
    this.#pending.clear();
  }

  /** Keeps this thread alive while an answer is awaited, and only then. */
  #settle(): void {
    for (const port of this.reader ? [this.writer, this.reader] : [this.writer]) {
      if (this.#pending.size > 0) port.ref();
      else port.unref();
    }
  }
}
