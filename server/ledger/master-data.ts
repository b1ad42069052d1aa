import type { LedgerStore, Row, Statement } from '../db/port';
import type { Item, Location } from '../../shared/rows';
import { problem, type Problem } from '../../shared/problems';
import { LedgerError } from './errors';
import { withWriteRetries } from './write-path';

/** An item as the ledger needs it: the API shape plus its row id. */
export interface ItemRecord extends Item { id: number }
export interface LocationRecord extends Location { id: number }

export const ITEM_SELECT =
  'SELECT id, sku, name, unit, lot_tracked, serial_tracked, requires_expiry, gtin, warranty_days FROM item WHERE workspace_id = ? ORDER BY sku';
export const LOCATION_SELECT = 'SELECT id, code, name, quarantine FROM location WHERE workspace_id = ? ORDER BY code';

export const toItem = (r: Row): ItemRecord => ({
  id: Number(r.id),
  sku: String(r.sku),
  name: String(r.name),
  unit: String(r.unit),
  lotTracked: Number(r.lot_tracked) === 1,
  serialTracked: Number(r.serial_tracked) === 1,
  requiresExpiry: Number(r.requires_expiry) === 1,
  gtin: r.gtin === null ? null : String(r.gtin),
  warrantyDays: r.warranty_days === null || r.warranty_days === undefined ? null : Number(r.warranty_days),
});
export const toLocation = (r: Row): LocationRecord => ({
  id: Number(r.id), code: String(r.code), name: r.name === null ? null : String(r.name), quarantine: Number(r.quarantine) === 1,
});

const withoutId = <T extends { id: number }>({ id: _id, ...rest }: T): Omit<T, 'id'> => rest;

/** The workspace's items in the API shape, by sku. */
export async function loadItems(db: LedgerStore, workspaceId: number): Promise<Item[]> {
  const rs = await db.read({ sql: ITEM_SELECT, args: [workspaceId] });
  return rs.rows.map((r) => withoutId(toItem(r)));
}

/** The workspace's locations in the API shape, by code. */
export async function loadLocations(db: LedgerStore, workspaceId: number): Promise<Location[]> {
  const rs = await db.read({ sql: LOCATION_SELECT, args: [workspaceId] });
  return rs.rows.map((r) => withoutId(toLocation(r)));
}

/**
 * Upserts checked items by sku. Refuses (`tracking_locked`) a change of lotTracked or
 * serialTracked on an item that already has movements, and a GTIN that another item holds.
 * The write carries the ledger-version guard, so a post racing this change either saw the
 * old tracking and is retried, or this upsert sees its movements and refuses.
 */
export async function upsertItems(db: LedgerStore, workspaceId: number, items: Item[]): Promise<number> {
  return withWriteRetries(db, 'saved', async () => {
    const [ver, existing] = await db.read([
      { sql: 'SELECT ledger_version FROM workspace WHERE id = ?', args: [workspaceId] },
      {
        sql: `SELECT i.sku, i.lot_tracked, i.serial_tracked, i.gtin,
                     EXISTS (SELECT 1 FROM movement m WHERE m.item_id = i.id) AS moved
              FROM item i WHERE i.workspace_id = ?`,
        args: [workspaceId],
      },
    ]);
    const version = Number(ver.rows[0].ledger_version);
    const bySku = new Map(existing.rows.map((r) => [String(r.sku), r]));
    const gtinOwner = new Map(existing.rows.filter((r) => r.gtin !== null).map((r) => [String(r.gtin), String(r.sku)]));
    const problems: Problem[] = [];
    items.forEach((item, row) => {
      const old = bySku.get(item.sku);
      if (old && Number(old.moved) === 1) {
        for (const [field, before] of [['lotTracked', old.lot_tracked], ['serialTracked', old.serial_tracked]] as const) {
          if ((Number(before) === 1) !== item[field]) {
            problems.push(problem(row, field, 'invalid',
              `${item.sku} already has movements, so ${field} cannot change; create a new SKU for the new way of tracking.`));
          }
        }
      }
      const owner = item.gtin ? gtinOwner.get(item.gtin) : undefined;
      if (owner && owner !== item.sku && !items.some((other) => other.sku === owner && other.gtin !== item.gtin)) {
        problems.push(problem(row, 'gtin', 'invalid', `GTIN ${item.gtin} already belongs to ${owner}; one GTIN names one item.`));
      }
    });
    if (problems.some((p) => p.field !== 'gtin')) {
      throw new LedgerError('tracking_locked', 'Tracking cannot change on an item that already has movements; nothing was saved.', problems);
    }
    if (problems.length > 0) throw new LedgerError('invalid_rows', 'A GTIN is already taken; nothing was saved.', problems);
    const stmts: Statement[] = [
      { sql: 'UPDATE workspace SET ledger_version = ? WHERE id = ?', args: [version + 1, workspaceId] },
      {
        sql: `INSERT INTO item (workspace_id, sku, name, unit, lot_tracked, serial_tracked, requires_expiry, gtin, warranty_days)
              SELECT ?, j.value->>'sku', j.value->>'name', j.value->>'unit', j.value->>'lot', j.value->>'serial',
                     j.value->>'expiry', j.value->>'gtin', j.value->>'warranty'
              FROM json_each(?) j WHERE true
              ON CONFLICT (workspace_id, sku) DO UPDATE SET name = excluded.name, unit = excluded.unit,
                lot_tracked = excluded.lot_tracked, serial_tracked = excluded.serial_tracked,
                requires_expiry = excluded.requires_expiry, gtin = excluded.gtin, warranty_days = excluded.warranty_days`,
        args: [workspaceId, JSON.stringify(items.map((i) => ({
          sku: i.sku, name: i.name, unit: i.unit, lot: i.lotTracked ? 1 : 0, serial: i.serialTracked ? 1 : 0,
          expiry: i.requiresExpiry ? 1 : 0, gtin: i.gtin, warranty: i.warrantyDays ?? null,
        })))],
      },
    ];
    await db.write(async (w) => w.push(stmts));
    return items.length;
  });
}

/**
 * Upserts checked locations by code; answers how many. Moves the ledger version on, as an item
 * upsert does: a post that kept the master data it read before (master-cache.ts) reads it again.
 */
export async function upsertLocations(db: LedgerStore, workspaceId: number, locations: Location[]): Promise<number> {
  await db.write([{ sql: 'UPDATE workspace SET ledger_version = ledger_version + 1 WHERE id = ?', args: [workspaceId] }, {
    sql: `INSERT INTO location (workspace_id, code, name, quarantine)
          SELECT ?, j.value->>'code', j.value->>'name', j.value->>'quarantine' FROM json_each(?) j WHERE true
          ON CONFLICT (workspace_id, code) DO UPDATE SET name = excluded.name, quarantine = excluded.quarantine`,
    args: [workspaceId, JSON.stringify(locations.map((l) => ({ code: l.code, name: l.name, quarantine: l.quarantine ? 1 : 0 })))],
  }]);
  return locations.length;
}
