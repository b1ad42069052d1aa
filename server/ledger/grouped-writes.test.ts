import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { openDatabase } from '../db/client';
import { writeGrouped } from './grouped-writes';

let dir: string;
let db: LedgerStore;
let writes: number[];
/** The store, counting the statements of each write it is given. */
let counted: LedgerStore;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-grouped-'));
  db = await openDatabase(`file:${path.join(dir, 'g.db')}`);
  await db.script('CREATE TABLE k (key TEXT PRIMARY KEY, n INTEGER CHECK (n >= 0))');
  writes = [];
  counted = { ...db, write: ((given: unknown) => {
    if (Array.isArray(given)) writes.push(given.length);
    return db.write(given as never);
  }) as LedgerStore['write'] };
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (key: string, n = 1) => ({ sql: 'INSERT INTO k (key, n) VALUES (?, ?) ON CONFLICT DO NOTHING', args: [key, n] });

describe('grouped one-statement writes', () => {
  it('writes those made while one is on its way together, each answered with its own count', async () => {
    const answers = await Promise.all(['a', 'b', 'c', 'b', 'd'].map((key) => writeGrouped(counted, insert(key))));
    expect(answers.map((a) => a.rowsAffected)).toEqual([1, 1, 1, 0, 1]);
    expect(writes).toEqual([1, 4]);
    expect((await db.read('SELECT count(*) AS n FROM k')).rows[0].n).toBe(4);
  });

  it('fails only the caller whose statement failed, and keeps the others', async () => {
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((key) => writeGrouped(counted, insert(key, key === 'b' ? -1 : 1))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await db.read('SELECT key FROM k ORDER BY key')).rows.map((r) => r.key)).toEqual(['a', 'c']);
  });
});
