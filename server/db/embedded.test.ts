import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient, LibsqlBatchError, LibsqlError, type Client, type ResultSet } from '@libsql/client';
import { openEmbedded, type EmbeddedClient } from './embedded';
import { batchAtCommit } from './write-stream';

let dir: string;
let file: string;
let db: EmbeddedClient;
let reference: Client; // @libsql/client's own sqlite3 client on the same file

const SCHEMA = `
CREATE TABLE w (v INTEGER NOT NULL);
INSERT INTO w VALUES (0);
CREATE TRIGGER w_guard BEFORE UPDATE ON w WHEN NEW.v <> OLD.v + 1 BEGIN SELECT RAISE(ABORT, 'ledger_changed'); END;
CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, qty INTEGER, price REAL, blob BLOB);
`;
// Enough rows that SQLite works for a good fraction of a second on this machine.
const HEAVY = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
  INSERT INTO t (code, qty) SELECT 'H-' || (i * 7919 % 1000003) || '-' || i, i FROM n`;
const HEAVY_READ = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000) SELECT count(*) AS n FROM n';

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-embedded-'));
  file = path.join(dir, 'e.db');
  db = openEmbedded(file);
  await db.execute('PRAGMA journal_mode = WAL');
  await db.executeMultiple(SCHEMA);
  reference = createClient({ url: `file:${file}` });
});
afterEach(() => {
  db.close();
  reference.close();
  rmSync(dir, { recursive: true, force: true });
});

const plain = (rs: ResultSet) => ({
  columns: rs.columns, columnTypes: rs.columnTypes, rowsAffected: rs.rowsAffected, lastInsertRowid: rs.lastInsertRowid,
  rows: rs.rows.map((r) => ({ byIndex: Array.from({ length: r.length }, (_, i) => r[i]), keys: Object.keys(r), named: { ...r } })),
});

async function failureOf(p: Promise<unknown>): Promise<LibsqlError> {
  try { await p; } catch (e) { return e as LibsqlError; }
  throw new Error('expected a failure');
}

describe('the embedded client answers as @libsql/client does', () => {
  it('gives the same result sets for writes and reads', async () => {
    const insert = { sql: 'INSERT INTO t (code, qty, price, blob) VALUES (?, ?, ?, ?)', args: ['A-1', 7, 1.5, new Uint8Array([1, 2]).buffer] };
    const mine = await db.execute(insert);
    const theirs = await reference.execute({ ...insert, args: ['A-2', 7, 1.5, new Uint8Array([1, 2]).buffer] });
    expect(plain(mine)).toEqual({ ...plain(theirs), lastInsertRowid: 1n });
    const query = 'SELECT id, code, qty, price, blob, NULL AS none, qty AS qty FROM t ORDER BY id';
    expect(plain(await db.execute(query))).toEqual(plain(await reference.execute(query)));
    expect((await db.execute('SELECT code FROM t WHERE qty = ? ORDER BY id', [7])).rows.map((r) => r.code)).toEqual(['A-1', 'A-2']);
  });

  it('reports a failed statement with the same error, codes and message', async () => {
    const mine = await failureOf(db.execute('UPDATE w SET v = 5'));
    const theirs = await failureOf(reference.execute('UPDATE w SET v = 5'));
    expect(mine).toBeInstanceOf(LibsqlError);
    expect([mine.message, mine.code, mine.extendedCode, mine.rawCode]).toEqual([theirs.message, theirs.code, theirs.extendedCode, theirs.rawCode]);
    expect(mine.message).toMatch(/ledger_changed/);
  });

  it('keeps nothing of a batch that fails, and names the statement that failed', async () => {
    const stmts = [
      { sql: 'INSERT INTO t (code) VALUES (?)', args: ['B-1'] },
      { sql: 'INSERT INTO t (code) VALUES (?)', args: ['B-1'] },
    ];
    const mine = await failureOf(db.batch(stmts, 'write'));
    const theirs = await failureOf(reference.batch(stmts, 'write'));
    expect(mine).toBeInstanceOf(LibsqlBatchError);
    expect([(mine as LibsqlBatchError).statementIndex, mine.message, mine.code]).toEqual([1, theirs.message, theirs.code]);
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);
    expect((await db.batch(stmts.slice(0, 1), 'write')).map((r) => r.rowsAffected)).toEqual([1]);
  });

  it('rolls back what a failing executeMultiple began, as migrations rely on', async () => {
    await expect(db.executeMultiple("BEGIN; INSERT INTO t (code) VALUES ('M-1'); INSERT INTO nowhere VALUES (1); COMMIT;")).rejects.toThrow(/nowhere/);
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);
  });

  it('holds its turn through an interactive transaction, and queues the others', async () => {
    const tx = await db.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t (code) VALUES (?)', args: ['X-1'] });
    const seen = db.execute('SELECT count(*) AS n FROM t');
    await tx.rollback();
    expect((await seen).rows[0].n).toBe(0);
    expect(tx.closed).toBe(true);
  });
});

describe('the SQLite thread', () => {
  it('runs reads off the main thread too: the event loop turns while SQLite reads', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 2);
    const read = await db.execute(HEAVY_READ);
    clearInterval(timer);
    expect(read.rows[0].n).toBe(2000000);
    expect(ticks).toBeGreaterThan(3);
  });

  it('sets the connection settings where it opens the connection, and again when it reopens it', async () => {
    const fresh = openEmbedded(path.join(dir, 'fresh.db')); // a new file: WAL only if the thread sets it
    try {
      const settings = async () => {
        const out: unknown[] = [];
        for (const p of ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout']) out.push((await fresh.execute(`PRAGMA ${p}`)).rows[0][0]);
        return out;
      };
      const expected = ['wal', 2, 1, 0]; // synchronous 2: FULL
      expect(await settings()).toEqual(expected);
      for (const p of ['synchronous = OFF', 'foreign_keys = OFF', 'busy_timeout = 1000']) await fresh.execute(`PRAGMA ${p}`);
      expect(await settings()).toEqual(['wal', 0, 0, 1000]);
      fresh.reconnect();
      expect(await settings()).toEqual(expected);
    } finally {
      fresh.close();
    }
  });

  it('lets the others in once a statement of an interactive transaction has ended it', async () => {
    const tx = await db.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t (code) VALUES (?)', args: ['C-1'] });
    // A write, so it waits for the writer: it runs after the COMMIT and finds C-1 there.
    const seen = db.execute({ sql: 'INSERT INTO t (code) VALUES (?) ON CONFLICT (code) DO NOTHING', args: ['C-1'] });
    await tx.execute('COMMIT');
    expect(tx.closed).toBe(true);
    expect((await seen).rowsAffected).toBe(0);
    await expect(tx.execute('SELECT 1')).rejects.toThrow(/closed/);
  });

  it('has closed the connection when close() returns: another connection has the file to itself at once', async () => {
    const closing = path.join(dir, 'closing.db');
    const own = openEmbedded(closing);
    await own.execute('CREATE TABLE c (v INTEGER)');
    await own.execute('INSERT INTO c VALUES (1)');
    own.close();
    const next = createClient({ url: `file:${closing}` });
    try {
      // Leaving WAL needs every other connection gone (and it finds none that is closing still).
      expect((await next.execute('PRAGMA journal_mode = DELETE')).rows[0][0]).toBe('delete');
    } finally {
      next.close();
    }
  });

  it('keeps the process alive while an answer is awaited, and not once the client is idle or closed', () => {
    const embedded = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'embedded.ts')).href;
    for (const end of ['', 'db.close();']) {
      const script = `import { openEmbedded } from ${JSON.stringify(embedded)};
        const db = openEmbedded(${JSON.stringify(file)});
        const r = await db.execute('SELECT v FROM w');
        console.log('v=' + r.rows[0].v); ${end}`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
      expect(child.stdout + child.stderr).toContain('v=0');
      expect(child.signal, end || 'idle').toBeNull(); // not killed by the timeout: it exited on its own
      expect(child.status).toBe(0);
    }
  });
});

describe('the write stream', () => {
  it('runs its statements off the main thread: the event loop turns while SQLite writes', async () => {
    const w = await db.openWrite();
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 2);
    const pushedAt = performance.now();
    w.push([HEAVY]);
    const pushTook = performance.now() - pushedAt;
    await w.commit();
    clearInterval(timer);
    expect(pushTook).toBeLessThan(50);
    expect(ticks).toBeGreaterThan(3);
    expect((await reference.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(300000);
  });

  it('makes the writes of other callers, on this client and on another client of the file, wait until it commits', async () => {
    const other = openEmbedded(file);
    try {
      const w = await db.openWrite();
      w.push(['UPDATE w SET v = 1', HEAVY]);
      const mine = db.execute({ sql: 'INSERT INTO t (code) VALUES (?) ON CONFLICT (code) DO NOTHING', args: ['H-7919-1'] });
      const theirs = other.execute('UPDATE w SET v = v + 1 RETURNING v');
      await w.commit();
      expect((await mine).rowsAffected).toBe(0); // HEAVY's first row was there already
      expect((await theirs).rows[0].v).toBe(2);
    } finally {
      other.close();
    }
  });

  it('keeps nothing when a statement fails, says which, and runs none after it', async () => {
    const w = await db.openWrite();
    w.push([
      { sql: 'INSERT INTO t (code) VALUES (?)', args: ['S-1'] },
      'UPDATE w SET v = 9',
      { sql: 'INSERT INTO t (code) VALUES (?)', args: ['S-2'] },
    ]);
    const e = await failureOf(w.commit());
    expect(e).toBeInstanceOf(LibsqlBatchError);
    expect((e as LibsqlBatchError).statementIndex).toBe(1);
    expect(e.message).toMatch(/ledger_changed/);
    expect(w.failed()).toBe(true);
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);
    expect((await db.execute('UPDATE w SET v = 1')).rowsAffected).toBe(1);
  });

  it('undoes what was pushed when aborted', async () => {
    const w = await db.openWrite();
    w.push([{ sql: 'INSERT INTO t (code) VALUES (?)', args: ['U-1'] }]);
    await w.abort();
    expect(() => w.push(['SELECT 1'])).toThrow(/ended/);
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(0);
  });

  it('on another kind of client, sends what was pushed as one batch at commit', async () => {
    const batches: number[] = [];
    const counting = new Proxy(reference, {
      get(target, prop) {
        if (prop === 'batch') return (stmts: unknown[], mode: string) => { batches.push(stmts.length); return target.batch(stmts as never, mode as never); };
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const w = batchAtCommit(counting);
    w.push([{ sql: 'INSERT INTO t (code) VALUES (?)', args: ['R-1'] }]);
    w.push([{ sql: 'INSERT INTO t (code) VALUES (?)', args: ['R-2'] }]);
    expect(batches).toEqual([]);
    await w.commit();
    expect(batches).toEqual([2]);
    expect((await db.execute('SELECT count(*) AS n FROM t')).rows[0].n).toBe(2);
  });
});
