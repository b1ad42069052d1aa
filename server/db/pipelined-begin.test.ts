import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { openEmbedded, type EmbeddedClient } from './embedded';
import { storeOver } from './store';
import { isBusy, notBegun } from './busy';
import type { LedgerStore } from './port';

// A write's begin is not waited for: its first statements follow it at once (embedded.ts,
// openWrite). When the file is busy (another process writing) the begin fails, the statements
// after it fail with it, and the store tries the whole write again (store.ts).
let dir: string;
let file: string;
let db: EmbeddedClient;
let store: LedgerStore;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-begin-'));
  file = path.join(dir, 'b.db');
  db = openEmbedded(file);
  await db.ready();
  await db.executeMultiple('CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);');
  store = storeOver(db, () => db.openWrite(), true);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Another connection (as another process would) holding the file's write lock until released. */
function holdLock() {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  return () => { other.exec('ROLLBACK'); other.close(); };
}

describe('a write whose begin is not waited for', () => {
  it('opens at once and fails its first read with the busy begin, marked as never begun', async () => {
    const release = holdLock();
    try {
      const w = await db.openWrite();
      w.push([{ sql: "INSERT INTO t (code) VALUES ('pushed')", args: [] }]);
      const e = await w.read([{ sql: 'SELECT count(*) AS n FROM t', args: [] }]).catch((x: unknown) => x);
      expect(isBusy(e)).toBe(true);
      expect(notBegun(e)).toBe(true);
      expect(w.failed()).toBe(true);
      await w.abort();
    } finally {
      release();
    }
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);
  });

  it('is tried again whole by the store once the lock is let go, and kept once', async () => {
    const release = holdLock();
    setTimeout(release, 150);
    let tries = 0;
    const answer = await store.write(async (w) => {
      tries++;
      w.push([{ sql: "INSERT INTO t (code) VALUES ('once')", args: [] }]);
      const [r] = await w.read([{ sql: 'SELECT count(*) AS n FROM t', args: [] }]);
      return Number(r.rows[0].n);
    });
    expect(answer).toBe(1);
    expect(tries).toBeGreaterThan(1);
    expect((await db.execute('SELECT code FROM t')).rows.map((r) => r.code)).toEqual(['once']);
  });

});
