import type { LedgerStore } from './db/port';
import { LedgerError } from './ledger/errors';
import { isUniqueViolation } from './db/errors';
import { newTokenSecret, sha256Hex } from './auth/tokens';

/**
 * Creates a workspace and its first admin token (named `admin`); answers the token's secret.
 * @example const { adminToken } = await createWorkspace(db, 'clinic-north')
 */
export async function createWorkspace(
  db: LedgerStore, name: string, adminToken = newTokenSecret(), now = new Date(),
): Promise<{ workspaceId: number; adminToken: string }> {
  const clean = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(clean)) {
    throw new LedgerError('invalid_request', 'A workspace name is 1–63 letters, digits, dots, dashes or underscores.');
  }
  const existing = await db.read({ sql: 'SELECT 1 FROM workspace WHERE name = ?', args: [clean] });
  if (existing.rows.length > 0) throw new LedgerError('conflict', `Workspace ${clean} already exists.`);
  const at = now.toISOString();
  // The workspace and its admin token are written together, or neither is.
  const [, , id] = await db.write([
    { sql: 'INSERT INTO workspace (name, created_at) VALUES (?, ?)', args: [clean, at] },
    {
      sql: `INSERT INTO token (workspace_id, name, role, hash, created_at)
            SELECT id, 'admin', 'admin', ?, ? FROM workspace WHERE name = ?`,
      args: [await sha256Hex(adminToken), at, clean],
    },
    { sql: 'SELECT id FROM workspace WHERE name = ?', args: [clean] },
  ]).catch((e: Error) => {
    if (isUniqueViolation(e)) throw new LedgerError('conflict', `Workspace ${clean} already exists.`);
    throw e;
  });
  const workspaceId = Number(id.rows[0].id);
  return { workspaceId, adminToken };
}

/** The id of the workspace of that name, or null. */
export async function findWorkspace(db: LedgerStore, name: string): Promise<number | null> {
  const rs = await db.read({ sql: 'SELECT id FROM workspace WHERE name = ?', args: [name] });
  return rs.rows.length === 0 ? null : Number(rs.rows[0].id);
}

/** Every workspace's name, in order. */
export async function workspaceNames(db: LedgerStore): Promise<string[]> {
  return (await db.read('SELECT name FROM workspace ORDER BY name')).rows.map((r) => String(r.name));
}

/**
 * On an empty database, creates workspace `default` with an admin token: `adminTokenFromEnv` if
 * given, else a random one that the caller prints once. Does nothing when any workspace exists.
 */
export async function ensureDefaultWorkspace(
  db: LedgerStore, adminTokenFromEnv?: string,
): Promise<{ created: boolean; adminToken?: string }> {
  const any = await db.read('SELECT 1 FROM workspace LIMIT 1');
  if (any.rows.length > 0) return { created: false };
  try {
    const { adminToken } = await createWorkspace(db, 'default', adminTokenFromEnv || undefined);
    return { created: true, adminToken };
  } catch (e) {
    // Another process started on the same database at the same moment and won.
    if (e instanceof LedgerError && e.code === 'conflict') return { created: false };
    throw e;
  }
}
