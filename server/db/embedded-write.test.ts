import { describe, expect, it } from 'vitest';
import type { Answer, Message, SqliteThread } from './sqlite-thread';
import { streamOn } from './embedded-write';

/** A thread that only records what it is sent, and answers when told. */
function recordingThread() {
  const sent: { message: Message; answer: (a: Answer) => void }[] = [];
  const thread = {
    call: (message: Message) => new Promise<Answer>((answer) => { sent.push({ message, answer }); }),
    onFailed: () => undefined,
  } as unknown as SqliteThread;
  return { thread, sent };
}

const MB = 2 ** 20;
const big = (i: number) => ({ sql: 'INSERT INTO t SELECT value FROM json_each(?)', args: [`[${i}]`.padEnd(MB, ' ')] });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the write stream of the embedded client', () => {
  it('keeps at most a few MB of pushed statements on their way to the thread, and sends everything in order', async () => {
    const { thread, sent } = recordingThread();
    const w = streamOn(thread, 7);
    w.push(Array.from({ length: 10 }, (_, i) => big(i)));
    const read = w.read(['SELECT 1']);
    const window = 3; // statements of a little over 1 MB each, in a window of 4 MB; the rest wait their turn
    expect(sent.length).toBe(window);
    for (let answered = 0; answered < sent.length; answered++) {
      sent[answered].answer({});
      await tick();
      if (sent.at(-1)!.message.op === 'statements') break;
      expect(sent.length - answered - 1).toBeLessThanOrEqual(window);
    }
    const ops = sent.map((s) => (s.message.op === 'push' ? JSON.parse((s.message.stmts as { args: string[] }[])[0].args[0])[0] : s.message.op));
    expect(ops).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 'statements']);
    expect(sent.every((s) => s.message.session === 7)).toBe(true);
    sent.at(-1)!.answer({ value: [{ columns: ['1'], columnTypes: [''], rows: [[1]], rowsAffected: 0, lastInsertRowid: undefined }] });
    expect((await read)[0].rows[0][0]).toBe(1);
  });

  it('sends the small pushes of one run of the caller as one message, before a read or the end that follows', async () => {
    const { thread, sent } = recordingThread();
    const w = streamOn(thread, 7);
    const insert = (code: string) => ({ sql: 'INSERT INTO t (code) VALUES (?)', args: [code] });
    w.push([insert('a')]);
    w.push([insert('b'), insert('c')]);
    void w.read(['SELECT 1']);
    w.push([insert('d')]);
    w.push([insert('e')]);
    await Promise.resolve();
    w.push([insert('f')]);
    void w.commit();
    const shape = sent.map((s) => (s.message.op === 'push'
      ? (s.message.stmts as { args: string[] }[]).map((st) => st.args[0]).join('') : s.message.op));
    expect(shape).toEqual(['abc', 'statements', 'de', 'f', 'end']);
  });
});
