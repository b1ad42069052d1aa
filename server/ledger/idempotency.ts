/**
 * Idempotency keys (Stripe's rules): the first request with a key claims it; a retry with the
 * same body gets the first answer again; another body under the same key is refused. The
 * final answer is stored by the post's own write, so "posted" and "answer kept" commit together.
 */
import type { LedgerStore, Statement } from '../db/port';
import { LedgerError } from './errors';
import { writeGrouped } from './grouped-writes';

/**
 * A claim older than this is taken to be abandoned by a crashed process and may be taken over.
 * Short, because a takeover is safe even when the first holder was only slow: a key is
 * answered once (migration 003), so the later of the two writes aborts whole. The largest post
 * (100,000 rows) takes a few seconds.
 */
export const ABANDONED_AFTER_MS = 30 * 1000;

export type Claim = { replay: false } | { replay: true; status: number; body: Record<string, unknown> };

/**
 * The body hash a claim holds until its post writes the real one (finishKeyStatement): a claim
 * is taken before the hash is known, so hashing a large body runs beside the post's write
 * instead of before it (80 ms of a 100,000-row post). A request that finds its key claimed so
 * is told the first is still being processed, whatever its body.
 */
export const HASH_PENDING = 'pending';

/**
 * Claims a key for this request, or answers the stored answer to replay. `bodyHash` is asked
 * for only when the key has been used before, to tell a retry from another request.
 * @example const claim = await claimKey(db, 1, 'sheet-7-attempt-1', () => hash, new Date())
 */
export async function claimKey(
  db: LedgerStore, workspaceId: number, key: string, bodyHash: () => Promise<string>, now: Date,
): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const claim = {
      sql: `INSERT INTO idempotency (workspace_id, key, body_hash, state, created_at)
            VALUES (?, ?, ?, 'in_progress', ?) ON CONFLICT DO NOTHING`,
      args: [workspaceId, key, HASH_PENDING, now.toISOString()],
    };
    // On a file, claims made while another is being written go together, one commit for all
    // (grouped-writes.ts). Not on a server: on Workers one request must not wait on I/O another
    // request started, and every claim there is its own round trip anyway.
    const inserted = db.live ? await writeGrouped(db, claim) : (await db.write([claim]))[0];
    if (inserted.rowsAffected === 1) return { replay: false };
    const rs = await db.read({
      sql: 'SELECT body_hash, state, status, response, created_at FROM idempotency WHERE workspace_id = ? AND key = ?',
      args: [workspaceId, key],
    });
    const row = rs.rows[0];
    if (!row) continue; // released between our insert and our read: try to claim again
    // A claim still pending has no hash to compare: it is in progress, whatever this body is.
    const answered = row.state === 'done';
    if ((answered || row.body_hash !== HASH_PENDING) && String(row.body_hash) !== await bodyHash()) {
      throw new LedgerError('idempotency_conflict',
        'This Idempotency-Key was already used for a different request; use a new key for new rows.');
    }
    if (answered) {
      return { replay: true, status: Number(row.status), body: JSON.parse(String(row.response)) };
    }
    const age = now.getTime() - Date.parse(String(row.created_at));
    if (age < ABANDONED_AFTER_MS) {
      throw new LedgerError('idempotency_in_progress',
        'A request with this Idempotency-Key is still being processed; retry in a few seconds.');
    }
    // Abandoned by a crash: take it over, unless someone else just did.
    const [taken] = await db.write([{
      sql: `UPDATE idempotency SET created_at = ?, body_hash = ?
            WHERE workspace_id = ? AND key = ? AND state = 'in_progress' AND created_at = ?`,
      args: [now.toISOString(), HASH_PENDING, workspaceId, key, String(row.created_at)],
    }]);
    if (taken.rowsAffected === 1) return { replay: false };
  }
  throw new LedgerError('idempotency_in_progress', 'This Idempotency-Key is busy; retry in a few seconds.');
}

/**
 * The status a replay answers with, kept in the record as migration 001 laid it out: a posted
 * batch is the only answer ever kept (a refusal releases its key, a dry run never claims one).
 */
const POSTED_STATUS = 201;

/**
 * The statement that records a posted batch's answer, and the hash of the body it answers (the
 * claim held HASH_PENDING); it goes into the post's write batch.
 */
export function finishKeyStatement(workspaceId: number, key: string, bodyHash: string, body: unknown): Statement {
  return {
    sql: `UPDATE idempotency SET state = 'done', status = ?, response = ?, body_hash = ? WHERE workspace_id = ? AND key = ?`,
    args: [POSTED_STATUS, JSON.stringify(body), bodyHash, workspaceId, key],
  };
}

/** The read of a key's record, whatever its state: what a post that claims its key itself looks for first. */
export function keyRead(workspaceId: number, key: string): Statement {
  return { sql: 'SELECT state FROM idempotency WHERE workspace_id = ? AND key = ?', args: [workspaceId, key] };
}

/**
 * Thrown by a post that was to claim its key itself and found it used already (answered, or
 * claimed by another request): it has written nothing, and the caller claims the key as usual.
 */
export class KeyTaken extends Error {
  constructor() {
    super('The Idempotency-Key has been used already.');
  }
}

/**
 * The statement that claims a key and records its answer at once, for a post that read the key
 * under its write lock and found it unused (a file's writes hold the lock from their first read).
 */
export function answeredKeyStatement(workspaceId: number, key: string, bodyHash: string, body: unknown, now: Date): Statement {
  return {
    sql: `INSERT INTO idempotency (workspace_id, key, body_hash, state, status, response, created_at)
          VALUES (?, ?, ?, 'done', ?, ?, ?)`,
    args: [workspaceId, key, bodyHash, POSTED_STATUS, JSON.stringify(body), now.toISOString()],
  };
}

/**
 * The answer stored under a key once it is done, else null: what a request whose own post
 * failed replays when another holder of the same key (a takeover) has answered it meanwhile.
 */
export async function storedAnswer(db: LedgerStore, workspaceId: number, key: string, bodyHash: string): Promise<Claim | null> {
  const rs = await db.read({
    sql: `SELECT status, response FROM idempotency WHERE workspace_id = ? AND key = ? AND state = 'done' AND body_hash = ?`,
    args: [workspaceId, key, bodyHash],
  });
  const row = rs.rows[0];
  return row ? { replay: true, status: Number(row.status), body: JSON.parse(String(row.response)) } : null;
}

/** Lets go of a claim after a refusal (4xx) or a failure, so the caller may fix and retry under the same key. */
export async function releaseKey(db: LedgerStore, workspaceId: number, key: string): Promise<void> {
  await db.write([{
    sql: `DELETE FROM idempotency WHERE workspace_id = ? AND key = ? AND state = 'in_progress'`,
    args: [workspaceId, key],
  }]);
}
