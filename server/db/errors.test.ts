import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, LibsqlError } from '@libsql/client';
import type { LedgerStore } from './port';
import { clientStore } from './remote-store';
import { openDatabase } from './client';
import { migrate } from './migrate';
import { createWorkspace } from '../workspaces';
import { isLedgerChanged, isUniqueViolation } from './errors';
import { constraintFailures, EXPECTED_KINDS, kindsOf } from '../../test/support/constraint-failures';

// On a libSQL server the same cases run in test/api/integrity.test.ts (api-worker: sqld).
let dir: string;
let url: string;
const opened: LedgerStore[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-errors-'));
  url = `file:${path.join(dir, 'e.db')}`;
});
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('database failures told apart by their codes', () => {
  for (const [name, open] of [
    ['the embedded client', (u: string) => openDatabase(u)],
    ["@libsql/client's own client", async (u: string) => clientStore(createClient({ url: u }))],
  ] as const) {
    it(`tells a broken unique index from the version guard and from every other failure, on a file through ${name}`, async () => {
      const db = await open(url);
      opened.push(db);
      await migrate(db);
      const { workspaceId } = await createWorkspace(db, 'errors');
      expect(kindsOf(await constraintFailures(db, workspaceId))).toEqual(EXPECTED_KINDS);
    });
  }

  it('goes by the extended code when the client gives one, not by the words of the message', () => {
    const unique = new LibsqlError('UNIQUE constraint failed: t.code', 'SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_UNIQUE', 2067);
    const saysUniqueIsCheck = new LibsqlError('CHECK constraint failed: UNIQUE constraint failed: ', 'SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_CHECK', 275);
    const guardFromAnotherKind = new LibsqlError('SQLITE_CONSTRAINT: ledger_changed', 'SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT_CHECK', 275);
    const notAConstraint = new Error('UNIQUE constraint failed: ledger_changed');
    expect([unique, saysUniqueIsCheck, guardFromAnotherKind, notAConstraint].map((e) => [isUniqueViolation(e), isLedgerChanged(e)]))
      .toEqual([[true, false], [false, false], [false, false], [false, false]]);
  });

  it("reads a libSQL server's failure, which carries the base code only, by SQLite's own words and the guard's exact text", () => {
    const remote = (message: string) => new LibsqlError(message, 'SQLITE_CONSTRAINT');
    expect([
      remote('SQLite error: UNIQUE constraint failed: token.workspace_id, token.name'),
      remote('SQLite error: ledger_changed'),
      remote('SQLite error: not ledger_changed here'),
      remote('SQLite error: CHECK constraint failed: state IN (...)'),
    ].map((e) => [isUniqueViolation(e), isLedgerChanged(e)])).toEqual([[true, false], [false, true], [false, false], [false, false]]);
  });
});
