/**
 * Small one-statement writes made together: while one such write of a store is on its way, the
 * next ones wait and then go as one atomic write, one commit (on a file, one sync to disk) for
 * all of them instead of one each. Each caller gets its own statement's answer, as if it had
 * written alone: its own count of rows changed, and only its own failure (a group that fails is
 * written again one statement at a time, since nothing of it was kept).
 */
import type { LedgerStore, Rows, Statement } from '../db/port';

interface Waiting { stmt: Statement; answered: (rows: Rows) => void; failed: (e: unknown) => void }

const groups = new WeakMap<LedgerStore, { waiting: Waiting[]; busy: boolean }>();

/**
 * Writes `stmt` as its own atomic write, or with others made meanwhile; answers its result.
 * @example const [inserted] = [await writeGrouped(db, { sql: 'INSERT … ON CONFLICT DO NOTHING', args })]
 */
export function writeGrouped(db: LedgerStore, stmt: Statement): Promise<Rows> {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = { waiting: [], busy: false }));
  const g = group;
  const answer = new Promise<Rows>((answered, failed) => { g.waiting.push({ stmt, answered, failed }); });
  if (!g.busy) void send(db, g);
  return answer;
}

async function send(db: LedgerStore, group: { waiting: Waiting[]; busy: boolean }): Promise<void> {
  group.busy = true;
  while (group.waiting.length > 0) {
    const now = group.waiting.splice(0);
    try {
      const answers = await db.write(now.map((w) => w.stmt));
      now.forEach((w, i) => w.answered(answers[i]));
    } catch (e) {
      if (now.length === 1) now[0].failed(e);
      else await Promise.all(now.map((w) => db.write([w.stmt]).then(([rows]) => w.answered(rows), w.failed)));
    }
  }
  group.busy = false;
}
