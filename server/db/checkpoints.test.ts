import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { openEmbedded, type EmbeddedClient } from './embedded';

// The writer copies its log into the database file after answering a write, once enough rows
// have changed (sqlite-worker.js, checkpointSoon), instead of inside the COMMIT. These tests read
// a copy of the database file alone, without its log: what it holds is what was copied.
let dir: string;
let file: string;
let db: EmbeddedClient;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-checkpoints-'));
  file = path.join(dir, 'c.db');
  db = openEmbedded(file);
  await db.ready();
  await db.executeMultiple('CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows of `t` in the database file itself, its log left behind. */
function rowsInFileAlone(): number {
  const copy = path.join(dir, 'alone.db');
  copyFileSync(file, copy);
  const alone = new Database(copy, { readonly: true });
  try {
    const tables = alone.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 't'").get() as { n: number };
    return tables.n === 0 ? 0 : (alone.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  } finally {
    alone.close();
    rmSync(copy, { force: true });
  }
}

const insertRows = (from: number, n: number) => ({
  sql: `WITH RECURSIVE k(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM k WHERE i < ?) INSERT INTO t (code) SELECT 'C-' || i FROM k`,
  args: [from, from + n - 1],
});

describe('the log is copied into the file after the answer', () => {
  it('a large write reaches the database file by the next call, with no close', async () => {
    await db.batch([insertRows(1, 5000)], 'write');
    await db.batch(['SELECT 1'], 'write'); // the writer serves it after the checkpoint that followed the write's answer
    expect(rowsInFileAlone()).toBe(5000);
  });

  it('small writes stay in the log until enough rows have changed, then go together', async () => {
    await db.batch([insertRows(1, 10)], 'write');
    await db.batch([insertRows(11, 10)], 'write');
    await db.batch(['SELECT 1'], 'write');
    expect(rowsInFileAlone()).toBe(0); // no checkpoint (and no COMMIT-time one) for 20 rows
    await db.batch([insertRows(21, 3000)], 'write');
    await db.batch(['SELECT 1'], 'write');
    expect(rowsInFileAlone()).toBe(3020);
  });

  it('no checkpoint runs while a transaction is open; the commit is followed by one', async () => {
    const tx = await db.transaction('write');
    await tx.execute(insertRows(1, 4000));
    await tx.execute('SELECT 1');
    expect(rowsInFileAlone()).toBe(0);
    await tx.commit();
    await db.batch(['SELECT 1'], 'write');
    expect(rowsInFileAlone()).toBe(4000);
  });
});
