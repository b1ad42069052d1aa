import type { LedgerStore } from '../db/port';
import type { TokenInfo } from '../../shared/api-types';
import type { Auth, Role } from '../env';
import { LedgerError } from '../ledger/errors';
import { isUniqueViolation } from '../db/errors';

const TOKEN_PREFIX = 'll_';
/** The longest token name, in characters. */
export const TOKEN_NAME_MAX = 100;

/**
 * A new secret token: `ll_` + 32 random bytes in base64url. Only its hash is ever stored.
 * @example newTokenSecret() // 'll_3q2-7wE…' (46 characters)
 */
export function newTokenSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return TOKEN_PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * SHA-256 of a text as lowercase hex (Web Crypto, so it runs on Node and on Workers).
 * @example await sha256Hex('abc') // 'ba7816bf…'
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares two equal-length strings without stopping at the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Finds the live token whose hash matches the presented secret, with its workspace.
 * The lookup is by hash (indexed), then the hashes are compared again in constant time
 * so the answer's timing does not depend on how much of a guess was right.
 */
export async function authenticate(db: LedgerStore, secret: string): Promise<Auth | null> {
  if (secret.length === 0 || secret.length > 200) return null;
  const hash = await sha256Hex(secret);
  const rs = await db.read({
    sql: `SELECT t.hash, t.name, t.role, w.id AS workspace_id, w.name AS workspace
          FROM token t JOIN workspace w ON w.id = t.workspace_id
          WHERE t.hash = ? AND t.revoked_at IS NULL`,
    args: [hash],
  });
  const row = rs.rows[0];
  if (!row || !constantTimeEqual(String(row.hash), hash)) return null;
  return {
    workspaceId: Number(row.workspace_id),
    workspace: String(row.workspace),
    role: String(row.role) as Role,
    tokenName: String(row.name),
  };
}

/**
 * Stores a new token (hashed) and answers its secret, which is shown once and never again.
 * A live token of the same name in the workspace is refused (`conflict`; a unique index).
 */
export async function insertToken(
  db: LedgerStore, workspaceId: number, name: string, role: Role, now: Date, secret = newTokenSecret(),
): Promise<string> {
  try {
    await db.write([{
      sql: 'INSERT INTO token (workspace_id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)',
      args: [workspaceId, name, role, await sha256Hex(secret), now.toISOString()],
    }]);
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new LedgerError('conflict', `A live token named ${name} already exists; revoke it first or pick another name.`);
    }
    throw e;
  }
  return secret;
}

/** The workspace's live tokens, oldest first: never their secrets (nor hashes). */
export async function listTokens(db: LedgerStore, workspaceId: number): Promise<TokenInfo[]> {
  const rs = await db.read({
    sql: 'SELECT name, role, created_at FROM token WHERE workspace_id = ? AND revoked_at IS NULL ORDER BY created_at, id',
    args: [workspaceId],
  });
  return rs.rows.map((t) => ({ name: String(t.name), role: String(t.role) as Role, createdAt: String(t.created_at) }));
}

/** Revokes the workspace's live token of that name: it stops working at once. `not_found` when there is none. */
export async function revokeToken(db: LedgerStore, workspaceId: number, name: string, now: Date): Promise<void> {
  const [rs] = await db.write([{
    sql: 'UPDATE token SET revoked_at = ? WHERE workspace_id = ? AND name = ? AND revoked_at IS NULL',
    args: [now.toISOString(), workspaceId, name],
  }]);
  if (rs.rowsAffected === 0) throw new LedgerError('not_found', `There is no live token named ${name}.`);
}
