import type { LedgerStore } from '../db/port';
import { LedgerError } from './errors';

/**
 * Master-data lookups of the reports, always within one workspace: what another workspace
 * holds is answered exactly like what does not exist, a 404 whose message names it.
 */

/** The item of a SKU in a workspace, or a 404 that names it. */
export async function findItem(db: LedgerStore, workspaceId: number, sku: string): Promise<{ id: number; sku: string }> {
  const rs = await db.read({ sql: 'SELECT id, sku FROM item WHERE workspace_id = ? AND sku = ?', args: [workspaceId, sku] });
  if (rs.rows.length === 0) throw new LedgerError('not_found', `Item ${sku} is not in this workspace.`);
  return { id: Number(rs.rows[0].id), sku: String(rs.rows[0].sku) };
}

/** A lot of an item, or a 404 that names both. `firstReceived` null: no receipt of it counts (all voided). */
export async function findLot(db: LedgerStore, item: { id: number; sku: string }, code: string) {
  const rs = await db.read({
    sql: 'SELECT id, code, expiry, first_received FROM lot WHERE item_id = ? AND code = ?',
    args: [item.id, code],
  });
  if (rs.rows.length === 0) throw new LedgerError('not_found', `Lot ${code} of ${item.sku} is not in this workspace.`);
  const r = rs.rows[0];
  return { id: Number(r.id), code: String(r.code), expiry: r.expiry === null ? null : String(r.expiry), firstReceived: r.first_received === '' ? null : String(r.first_received) };
}

/** A location of a workspace, or a 404 that names it. */
export async function findLocation(db: LedgerStore, workspaceId: number, code: string): Promise<number> {
  const rs = await db.read({ sql: 'SELECT id FROM location WHERE workspace_id = ? AND code = ?', args: [workspaceId, code] });
  if (rs.rows.length === 0) throw new LedgerError('not_found', `Location ${code} is not in this workspace.`);
  return Number(rs.rows[0].id);
}
