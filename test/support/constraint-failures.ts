import type { LedgerStore } from '../../server/db/port';
import { isLedgerChanged, isUniqueViolation } from '../../server/db/errors';

/**
 * One failure of each kind the server tells apart, made on a migrated database (a file or a
 * libSQL server) in workspace `workspaceId`, which must have its `admin` token: a unique index
 * broken (alone and after another statement of the same write), the version guard's abort (alone and in a batch),
 * another trigger's abort, a CHECK, and an error that is no constraint at all.
 * Leaves two idempotency records under keys made for the purpose.
 */
export async function constraintFailures(db: LedgerStore, workspaceId: number): Promise<Record<string, unknown>> {
  const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);
  const tag = Math.random().toString(36).slice(2);
  const sameName = {
    sql: `INSERT INTO token (workspace_id, name, role, hash, created_at) VALUES (?, 'admin', 'admin', ?, '2026-01-01')`,
    args: [workspaceId, `probe-${tag}`],
  };
  const staleVersion = { sql: 'UPDATE workspace SET ledger_version = ledger_version + 2 WHERE id = ?', args: [workspaceId] };
  const key = `probe-${tag}`;
  await db.write([{
    sql: `INSERT INTO idempotency (workspace_id, key, body_hash, state, status, response, created_at) VALUES (?, ?, 'h', 'done', 201, '{}', '2026-01-01')`,
    args: [workspaceId, key],
  }]);
  const noop = { sql: 'SELECT 1', args: [] };
  return {
    unique: await failure(db.write([sameName])),
    uniqueInBatch: await failure(db.write([noop, sameName])),
    ledgerChanged: await failure(db.write([staleVersion])),
    ledgerChangedInBatch: await failure(db.write([noop, staleVersion])),
    otherTrigger: await failure(db.write([{
      sql: `UPDATE idempotency SET state = 'done' WHERE workspace_id = ? AND key = ?`, args: [workspaceId, key],
    }])),
    check: await failure(db.write([{
      sql: `INSERT INTO idempotency (workspace_id, key, body_hash, state, created_at) VALUES (?, ?, 'h', 'bogus', '2026-01-01')`,
      args: [workspaceId, `${key}-check`],
    }])),
    notAConstraint: await failure(db.read('SELECT * FROM no_such_table')),
  };
}

/** What `isUniqueViolation` and `isLedgerChanged` must answer for each failure of `constraintFailures`. */
export const EXPECTED_KINDS: Record<string, { unique: boolean; ledgerChanged: boolean }> = {
  unique: { unique: true, ledgerChanged: false },
  uniqueInBatch: { unique: true, ledgerChanged: false },
  ledgerChanged: { unique: false, ledgerChanged: true },
  ledgerChangedInBatch: { unique: false, ledgerChanged: true },
  otherTrigger: { unique: false, ledgerChanged: false },
  check: { unique: false, ledgerChanged: false },
  notAConstraint: { unique: false, ledgerChanged: false },
};

/** How `isUniqueViolation` and `isLedgerChanged` read each failure. */
export const kindsOf = (failures: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(failures).map(([k, e]) => [k, { unique: isUniqueViolation(e), ledgerChanged: isLedgerChanged(e) }]));
