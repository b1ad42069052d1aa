import { describe, expect, it } from 'vitest';
import type { LedgerStore } from '../db/port';
import { LedgerError } from './errors';
import { MAX_ATTEMPTS, withWriteRetries } from './write-path';

// Only the turns and the retries: the database is a key here (the real races: test/api/batches.test.ts).
const db = () => ({}) as LedgerStore;
const guardRefusal = () => Object.assign(new Error('SQLITE_CONSTRAINT: ledger_changed'), { code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_TRIGGER' });
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the one write path', () => {
  it("runs one process's writes to a database one at a time, in the order they came, a failed one included", async () => {
    const shared = db();
    const log: string[] = [];
    const write = (name: string, fail = false) => withWriteRetries(shared, 'posted', async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
      if (fail) throw new LedgerError('invalid_rows', 'refused');
      return name;
    });
    const answers = await Promise.allSettled([write('a'), write('b', true), write('c')]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('lets writes to different databases run side by side', async () => {
    const log: string[] = [];
    const write = (name: string) => withWriteRetries(db(), 'posted', async () => { log.push(`${name} starts`); await tick(); log.push(`${name} ends`); });
    await Promise.all([write('a'), write('b')]);
    expect(log.slice(0, 2)).toEqual(['a starts', 'b starts']);
  });

  it('tries again only when the version guard refused the write, at most MAX_ATTEMPTS times, then refuses with contended', async () => {
    let tries = 0;
    const refusedOnce = await withWriteRetries(db(), 'posted', async () => { if (++tries === 1) throw guardRefusal(); return tries; });
    expect(refusedOnce).toBe(2);

    tries = 0;
    const other = await withWriteRetries(db(), 'posted', async () => { tries++; throw new Error('SQLITE_CONSTRAINT: ledger_changed'); }).catch((e: Error) => e);
    expect([tries, other.message]).toEqual([1, 'SQLITE_CONSTRAINT: ledger_changed']);

    tries = 0;
    const lost = await withWriteRetries(db(), 'voided', async () => { tries++; throw guardRefusal(); }).catch((e: LedgerError) => e);
    expect([tries, lost.code, lost.message]).toEqual([MAX_ATTEMPTS, 'contended', 'The ledger is busy with other posts; nothing was voided. Try again in a moment.']);
  });
});
