import { describe, expect, it } from 'vitest';
import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import { isBusy, retryWhileBusy } from './busy';
import { changesDatabase } from './statements';

const busy = () => new LibsqlError('SQLITE_BUSY: database is locked', 'SQLITE_BUSY', 'SQLITE_BUSY', 5);

describe('waiting for a busy database', () => {
  it('tells busy apart by its code, batch errors too, not by the message', () => {
    expect(isBusy(busy())).toBe(true);
    expect(isBusy(new LibsqlBatchError('locked', 2, 'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 517))).toBe(true);
    expect(isBusy(new LibsqlError('SQLITE_BUSY: database is locked', 'SQLITE_CONSTRAINT'))).toBe(false);
    expect(isBusy(new Error('database is locked'))).toBe(false);
  });

  it('tries again until the work goes through, and fails other errors at once', async () => {
    let tries = 0;
    expect(await retryWhileBusy(async () => { if (++tries < 4) throw busy(); return 'done'; })).toBe('done');
    expect(tries).toBe(4);
    tries = 0;
    await expect(retryWhileBusy(async () => { tries++; throw new Error('no such table'); })).rejects.toThrow(/no such table/);
    expect(tries).toBe(1);
  });

  it('gives up with the busy error once it has waited its time, counted from the first busy answer', async () => {
    const started = performance.now();
    let tries = 0;
    const failure = await retryWhileBusy(async () => { tries++; throw busy(); }, isBusy, 200).catch((e: unknown) => e);
    const waited = performance.now() - started;
    expect(isBusy(failure)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(waited).toBeLessThan(1000);
    expect(tries).toBeGreaterThan(3);
  });
});

describe('statements that need the write lock', () => {
  it('are told by their first keyword, a WITH by the verbs in it', () => {
    for (const sql of ['INSERT INTO t VALUES (1)', '  update t SET v = 1', '-- why\nDELETE FROM t', '/* x */ REPLACE INTO t VALUES (1)',
      'CREATE TABLE u (a)', 'WITH r AS (SELECT 1) INSERT INTO t SELECT * FROM r', 'INSERT INTO t VALUES (1) RETURNING id']) {
      expect(changesDatabase(sql), sql).toBe(true);
    }
    for (const sql of ['SELECT 1', 'WITH RECURSIVE n(i) AS (SELECT 1) SELECT i FROM n', 'PRAGMA foreign_keys = ON', 'BEGIN', 'COMMIT', 'ROLLBACK']) {
      expect(changesDatabase({ sql, args: [] }), sql).toBe(false);
    }
  });
});
