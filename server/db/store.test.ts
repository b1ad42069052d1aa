import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { embeddedStore } from './embedded-store';
import type { LedgerStore } from './port';
import { clientStore } from './remote-store';

// The port's promises, kept alike by both adapters: the embedded file's stream, and the remote
// way (reads first, one batch at commit) here over @libsql/client's own file client; over HTTP
// to sqld the api-worker suite runs the same ledger through it.
let dir: string;
let store: LedgerStore;

for (const [name, open, live] of [
  ['the embedded adapter', (file: string) => embeddedStore(file), true],
  ['the remote adapter (one batch at commit)', async (file: string) => clientStore(createClient({ url: `file:${file}` })), false],
] as const) {
  describe(name, () => {
    beforeEach(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'lotledger-store-'));
      store = await open(path.join(dir, 's.db'));
      await store.script('CREATE TABLE t (code TEXT PRIMARY KEY, qty INTEGER NOT NULL);');
    });
    afterEach(() => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const codes = async () => (await store.read('SELECT code FROM t ORDER BY code')).rows.map((r) => r.code);

    it('commits what a write pushed when its callback returns, and answers its answer', async () => {
      const answer = await store.write(async (w) => {
        expect(w.live).toBe(live);
        w.push([{ sql: 'INSERT INTO t VALUES (?, ?)', args: ['A', 1] }]);
        w.push([{ sql: 'INSERT INTO t VALUES (?, ?)', args: ['B', 2] }]);
        const [seen] = await w.read(['SELECT count(*) AS n FROM t']);
        return Number(seen.rows[0].n); // live: the write so far; otherwise the ledger before it
      });
      expect(answer).toBe(live ? 2 : 0);
      expect(await codes()).toEqual(['A', 'B']);
    });

    it('keeps nothing when the callback throws, and throws what it threw', async () => {
      const refused = await store.write(async (w) => {
        w.push([{ sql: 'INSERT INTO t VALUES (?, ?)', args: ['A', 1] }]);
        throw new Error('refused');
      }).catch((e: Error) => e.message);
      expect(refused).toBe('refused');
      expect(await codes()).toEqual([]);
    });

    it('keeps nothing when a pushed statement fails, and throws its failure with its code', async () => {
      const failed = await store.write(async (w) => {
        w.push([{ sql: 'INSERT INTO t VALUES (?, ?)', args: ['A', 1] }, { sql: 'INSERT INTO t VALUES (?, ?)', args: ['A', 2] }]);
      }).catch((e: { code?: string }) => e);
      expect((failed as { code?: string }).code).toBe('SQLITE_CONSTRAINT');
      expect(await codes()).toEqual([]);
    });

    it('writes a list of statements all or none, answering each one once committed', async () => {
      const [ins, upd, sel] = await store.write([
        { sql: 'INSERT INTO t VALUES (?, ?)', args: ['A', 1] },
        { sql: 'UPDATE t SET qty = qty + 1 WHERE code = ?', args: ['A'] },
        { sql: 'SELECT qty FROM t WHERE code = ?', args: ['A'] },
      ]);
      expect([ins.rowsAffected, upd.rowsAffected, sel.rows[0].qty]).toEqual([1, 1, 2]);
      const failed = await store.write([
        { sql: 'INSERT INTO t VALUES (?, ?)', args: ['B', 1] },
        { sql: 'INSERT INTO t VALUES (?, ?)', args: ['A', 1] },
      ]).catch((e: { code?: string }) => e.code);
      expect(failed).toBe('SQLITE_CONSTRAINT');
      expect(await codes()).toEqual(['A']);
    });

    it('reads one statement, or several at once', async () => {
      await store.write([{ sql: 'INSERT INTO t VALUES (?, ?)', args: ['A', 1] }]);
      const one = await store.read({ sql: 'SELECT qty FROM t WHERE code = ?', args: ['A'] });
      const [n, q] = await store.read(['SELECT count(*) AS n FROM t', 'SELECT qty FROM t']);
      expect([one.rows[0].qty, n.rows[0].n, q.rows[0][0]]).toEqual([1, 1, 1]);
    });
  });
}
