import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResultSet } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbedded, type EmbeddedClient } from './embedded';
import { onlyReads } from './statements';

let dir: string;
let db: EmbeddedClient;

// Enough rows that SQLite writes for a good fraction of a second on this machine.
const HEAVY = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
  INSERT INTO t (code) SELECT 'H-' || i FROM n`;
const COUNT = 'SELECT count(*) AS n FROM t';

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-reads-'));
  db = openEmbedded(path.join(dir, 'r.db'));
  await db.ready();
  await db.executeMultiple("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE); INSERT INTO t (code) VALUES ('first');");
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `p`'s value, or 'waited' if it has none within `ms`. */
const within = <T>(p: Promise<T>, ms = 3000) => Promise.race([p, new Promise<'waited'>((r) => setTimeout(() => r('waited'), ms))]);
const countOf = async (p: Promise<ResultSet>) => (await p).rows[0].n;

describe('plain reads beside a write', () => {
  it('answer while a transaction holds the writer, from the last committed state, and see the rows once it commits', async () => {
    const tx = await db.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t (code) VALUES (?)', args: ['uncommitted'] });
    expect(await within(countOf(db.execute(COUNT)))).toBe(1);
    expect(await within(countOf(db.batch([COUNT], 'read').then(([r]) => r)))).toBe(1);
    expect(await within(countOf(db.batch([COUNT]).then(([r]) => r)))).toBe(1); // a deferred batch of queries too
    expect((await tx.execute(COUNT)).rows[0].n).toBe(2); // the transaction sees its own row
    await tx.commit();
    expect(await countOf(db.execute(COUNT))).toBe(2);
  });

  it('answer while a write stream runs a long statement, and see its rows once it has committed', async () => {
    const w = await db.openWrite();
    w.push([HEAVY]);
    let committed = false;
    const commit = w.commit().then(() => { committed = true; });
    const read = await db.execute(COUNT);
    expect(committed).toBe(false);
    expect(read.rows[0].n).toBe(1);
    await commit;
    expect(await countOf(db.execute(COUNT))).toBe(300001);
  });

  it('inside a write stream, see what it has pushed', async () => {
    const w = await db.openWrite();
    w.push([{ sql: 'INSERT INTO t (code) VALUES (?)', args: ['pushed'] }]);
    const [inside] = await w.read([COUNT]);
    await w.abort();
    expect(inside.rows[0].n).toBe(2);
    expect(await countOf(db.execute(COUNT))).toBe(1);
  });

  it('on an in-memory database, which no second connection could see, run on its one connection', async () => {
    const memory = openEmbedded(':memory:');
    try {
      await memory.execute('CREATE TABLE m (v INTEGER)');
      await memory.execute('INSERT INTO m VALUES (7)');
      expect((await memory.execute('SELECT v FROM m')).rows[0].v).toBe(7);
      expect((await memory.batch(['SELECT v FROM m'], 'read'))[0].rows[0].v).toBe(7);
    } finally {
      memory.close();
    }
  });

  it('are told by their first keyword: queries only, nothing that writes or belongs to one connection', () => {
    for (const sql of ['SELECT 1', ' -- why\nselect 1', 'WITH r AS (SELECT 1) SELECT * FROM r', 'VALUES (1)']) expect(onlyReads(sql), sql).toBe(true);
    for (const sql of ['INSERT INTO t VALUES (1)', 'WITH r AS (SELECT 1) INSERT INTO t SELECT * FROM r', 'PRAGMA user_version',
      'BEGIN', 'COMMIT', 'EXPLAIN QUERY PLAN SELECT 1', 'ATTACH DATABASE x AS y']) {
      expect(onlyReads({ sql, args: [] }), sql).toBe(false);
    }
  });
});
