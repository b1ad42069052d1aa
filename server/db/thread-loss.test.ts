/**
 * A SQLite thread that dies on its own (a bug, an out-of-memory in the worker): what it was
 * doing fails, nothing half-written is kept, and the next call takes a new thread on the same
 * file, with every setting, instead of failing for as long as the server runs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEmbedded, type EmbeddedClient } from './embedded';
import { runningThread } from './sqlite-thread';

let dir: string;
let file: string;
let db: EmbeddedClient;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-thread-loss-'));
  file = path.join(dir, 't.db');
  db = openEmbedded(file);
  await db.ready();
  await db.executeMultiple(`
    CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE t (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id), code TEXT NOT NULL);
    INSERT INTO parent VALUES (1);
    INSERT INTO t (parent_id, code) VALUES (1, 'kept');`);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Ends the file's SQLite threads at once, as a crash of the worker would. */
async function crash(): Promise<void> {
  const thread = runningThread(file);
  expect(thread).toBeDefined();
  await thread!.crash();
  expect(thread!.gone).toBe(true);
}

const codes = async () => (await db.execute('SELECT code FROM t ORDER BY id')).rows.map((r) => r.code);

describe('a SQLite thread that dies on its own', () => {
  it('is replaced by the next call: reads and writes go on, with the connection settings', async () => {
    await crash();
    expect(await codes()).toEqual(['kept']);
    await db.execute({ sql: 'INSERT INTO t (parent_id, code) VALUES (1, ?)', args: ['after'] });
    expect(await codes()).toEqual(['kept', 'after']);
    // The new connection has the settings of the first: foreign keys are enforced, the file is WAL.
    await expect(db.execute("INSERT INTO t (parent_id, code) VALUES (99, 'orphan')")).rejects.toThrow(/FOREIGN KEY/);
    expect((await db.execute('PRAGMA journal_mode')).rows[0][0]).toBe('wal');
  });

  it('fails the write it was in the middle of, keeps none of it, and takes the next write', async () => {
    const write = await db.openWrite();
    write.push([{ sql: "INSERT INTO t (parent_id, code) VALUES (1, 'half')", args: [] }]);
    await write.read([{ sql: 'SELECT 1', args: [] }]);
    await crash();
    await expect(write.commit()).rejects.toThrow(/database thread/i);
    await db.batch([{ sql: "INSERT INTO t (parent_id, code) VALUES (1, 'next')", args: [] }], 'write');
    expect(await codes()).toEqual(['kept', 'next']);
  });

  it('answers what it finished, fails the calls still waiting for it, and serves the next', async () => {
    // The write runs first and is answered; the crash comes next; the insert sent after it fails.
    const heavy = db.execute(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) INSERT INTO t (parent_id, code) SELECT 1, 'h' FROM n LIMIT 1`);
    await new Promise((r) => setImmediate(r)); // the write is sent
    const crashed = crash();
    const waiting = db.execute("INSERT INTO t (parent_id, code) VALUES (1, 'queued')");
    await crashed;
    await expect(heavy).resolves.toMatchObject({ rowsAffected: 1 });
    await expect(waiting).rejects.toThrow(/database thread/i);
    expect(await codes()).toEqual(['kept', 'h']);
  });
});
