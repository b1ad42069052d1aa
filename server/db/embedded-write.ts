/**
 * The embedded client's write stream: one write transaction on the file's SQLite thread, whose
 * statements are sent as they are pushed and run there in that order while the caller goes on.
 *
 * At most PUSH_WINDOW bytes of pushed statements are on their way to the thread at a time; the
 * rest wait here until it has run those. A statement on its way is held twice (the caller's text
 * and its copy in the message), and a post pushes faster than SQLite writes: sent all at once,
 * the last part and the projections (several MB of JSON for 100,000 rows) were held three times
 * while the thread worked through them.
 */
import { LibsqlError, type InStatement } from '@libsql/client';
import type { Answer, Message, ThreadLink, WireError, WireResult, WireStatement } from './sqlite-thread';
import { errorOf, normalise, resultSetOf } from './statements';
import type { WriteStream } from './write-stream';

const PUSH_WINDOW = 4 * 2 ** 20;
/** Pushed statements go over in messages of about this size at most, so the window can work. */
const MESSAGE_BYTES = 512 * 2 ** 10;

/** What a statement weighs in a message, about: its text and its text arguments. */
function bytesOf(s: WireStatement): number {
  let n = s.sql.length;
  for (const v of Array.isArray(s.args) ? s.args : Object.values(s.args)) n += typeof v === 'string' ? v.length : 8;
  return n;
}

/**
 * The write stream of `session`: the first failure of a pushed statement is told back at once
 * (for `failed`) and thrown by `commit`. `begun`, when given, is the answer to the session's
 * `begin`, sent just before and not waited for: the stream's messages follow it, and if it
 * failed (the file busy) they fail too, and the stream throws its error, marked `notBegun`.
 */
export function streamOn(thread: ThreadLink, session: number, begun?: Promise<Answer>): WriteStream {
  let failure: Error | null = null;
  let done = false;
  thread.onFailed(session, (e: WireError) => { failure ??= errorOf(e, true); });
  let unbegun: Error | null = null;
  void begun?.then((a) => {
    if (a.error) unbegun = Object.assign(errorOf(a.error), { notBegun: true });
  });
  /** The failure to throw for an answer's error: the begin's, if that failed. */
  const thrown = async (e: WireError, inBatch = false) => {
    await begun;
    return unbegun ?? errorOf(e, inBatch);
  };
  const ended = () => new LibsqlError('This write has ended already', 'TRANSACTION_CLOSED');

  // Messages in the order they were made; pushes leave when the window has room, reads and the
  // end after everything before them.
  const queue: { message: Message; bytes: number; answered: (a: Answer) => void }[] = [];
  let inFlight = 0;
  const send = () => {
    while (queue.length > 0 && (inFlight === 0 || inFlight + queue[0].bytes <= PUSH_WINDOW)) {
      const { message, bytes, answered } = queue.shift()!;
      inFlight += bytes;
      void thread.call(message).then((a) => {
        inFlight -= bytes;
        answered(a);
        send();
      });
    }
  };
  const enqueue = (message: Message, bytes = 0) => new Promise<Answer>((answered) => {
    queue.push({ message: { ...message, session }, bytes, answered });
    send();
  });

  // Pushed statements wait here until the caller's synchronous run ends, a read or the end is
  // sent, or they weigh MESSAGE_BYTES: a small post's several pushes go as one message rather
  // than a message (and an answer) each, which the SQLite thread serves one at a time.
  let pending: WireStatement[] = [];
  let pendingBytes = 0;
  let flushQueued = false;
  const flush = () => {
    if (pending.length === 0) return;
    void enqueue({ op: 'push', stmts: pending }, pendingBytes);
    pending = [];
    pendingBytes = 0;
  };
  const flushSoon = () => {
    if (flushQueued) return;
    flushQueued = true;
    queueMicrotask(() => { flushQueued = false; flush(); });
  };

  const finish = async (commit: boolean) => {
    if (done) throw ended();
    done = true;
    flush();
    const answer = await enqueue({ op: 'end', commit: commit && failure === null });
    thread.onFailed(session, null);
    if (!commit) return;
    await begun;
    if (unbegun !== null) throw unbegun;
    if (failure !== null) throw failure;
    if (answer.error) throw await thrown(answer.error, true);
  };
  return {
    live: true,
    push(stmts: readonly InStatement[]) {
      if (done) throw ended();
      if (failure !== null) return;
      let wire: WireStatement[];
      try {
        wire = stmts.map(normalise);
      } catch (e) {
        failure = e as Error; // a bad argument: nothing more is sent, and commit throws it
        return;
      }
      for (const s of wire) {
        pending.push(s);
        pendingBytes += bytesOf(s);
        if (pendingBytes >= MESSAGE_BYTES) flush();
      }
      if (pending.length > 0) flushSoon();
    },
    async read(stmts: readonly InStatement[]) {
      if (done) throw ended();
      flush();
      const answer = await enqueue({ op: 'statements', stmts: stmts.map(normalise) });
      if (answer.error) throw await thrown(answer.error);
      return (answer.value as WireResult[]).map(resultSetOf);
    },
    failed: () => failure !== null || unbegun !== null,
    commit: () => finish(true),
    abort: () => finish(false),
  };
}
