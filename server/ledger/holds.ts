/**
 * Holds (docs/API.md "Holds"): lots or serial units of an item put on hold with a reason, and
 * released with one. Each hold is a record kept forever: placed once, released once, never
 * deleted (migration 006's triggers). Placing or releasing one moves the ledger version on, so a
 * post that read the holds before is checked again (the version guard) and cannot slip past one.
 */
import type { LedgerStore, Statement } from '../db/port';
import type { Auth } from '../env';
import type { Hold, HoldRequest } from '../../shared/recall-answers';
import { LedgerError } from './errors';
import { findItem } from './lookups';
import { withWriteRetries } from './write-path';

/** The lots and units a request names, as ids; a 404 naming the first one not in the workspace. */
async function resolve(db: LedgerStore, workspaceId: number, req: HoldRequest) {
  const item = await findItem(db, workspaceId, req.sku);
  const lots = [...new Set(req.lots ?? [])];
  const serials = [...new Set(req.serials ?? [])];
  const [lotRs, unitRs] = await db.read([
    {
      sql: 'SELECT l.id, l.code FROM json_each(?) j JOIN lot l ON l.item_id = ? AND l.code = j.value',
      args: [JSON.stringify(lots), item.id],
    },
    {
      // A unit the ledger holds, or held (a shipped or scrapped one is still a unit).
      sql: 'SELECT u.serial, u.lot_id FROM json_each(?) j JOIN unit u ON u.item_id = ? AND u.serial = j.value',
      args: [JSON.stringify(serials), item.id],
    },
  ]);
  const lotIds = new Map(lotRs.rows.map((r) => [String(r.code), Number(r.id)]));
  const unitLots = new Map(unitRs.rows.map((r) => [String(r.serial), r.lot_id === null ? null : Number(r.lot_id)]));
  const lotMissing = lots.find((l) => !lotIds.has(l));
  if (lotMissing !== undefined) throw new LedgerError('not_found', `Lot ${lotMissing} of ${item.sku} is not in this workspace.`);
  const serialMissing = serials.find((s) => !unitLots.has(s));
  if (serialMissing !== undefined) throw new LedgerError('not_found', `Serial ${serialMissing} of ${item.sku} is not in this workspace.`);
  return { item, lots: [...lotIds.values()], units: [...unitLots.entries()] };
}

const bumpVersion = (workspaceId: number): Statement =>
  ({ sql: 'UPDATE workspace SET ledger_version = ledger_version + 1 WHERE id = ?', args: [workspaceId] });

/**
 * Puts the named lots and units on hold; answers how many were newly held (one already held
 * keeps its first hold and counts 0).
 * @example await placeHolds(db, auth, { sku: 'VAC-10', lots: ['L1'], reason: 'Recall R-7' }, new Date()) // 1
 */
export async function placeHolds(db: LedgerStore, auth: Auth, req: HoldRequest, now: Date): Promise<number> {
  const { item, lots, units } = await resolve(db, auth.workspaceId, req);
  return withWriteRetries(db, 'held', async () => {
    const at = now.toISOString();
    const answers = await db.write([
      bumpVersion(auth.workspaceId),
      {
        sql: `INSERT INTO hold (workspace_id, item_id, lot_id, serial, reason, held_at, held_by)
              SELECT ?1, ?2, j.value, NULL, ?4, ?5, ?6 FROM json_each(?3) j WHERE true ON CONFLICT DO NOTHING`,
        args: [auth.workspaceId, item.id, JSON.stringify(lots), req.reason, at, auth.tokenName],
      },
      {
        sql: `INSERT INTO hold (workspace_id, item_id, lot_id, serial, reason, held_at, held_by)
              SELECT ?1, ?2, j.value->>1, j.value->>0, ?4, ?5, ?6 FROM json_each(?3) j WHERE true ON CONFLICT DO NOTHING`,
        args: [auth.workspaceId, item.id, JSON.stringify(units), req.reason, at, auth.tokenName],
      },
    ]);
    return answers[1].rowsAffected + answers[2].rowsAffected;
  });
}

/**
 * Releases the active holds of the named lots and units; answers how many were released.
 * @example await releaseHolds(db, auth, { sku: 'VAC-10', lots: ['L1'], reason: 'Lab cleared it' }, new Date()) // 1
 */
export async function releaseHolds(db: LedgerStore, auth: Auth, req: HoldRequest, now: Date): Promise<number> {
  const { item, lots, units } = await resolve(db, auth.workspaceId, req);
  return withWriteRetries(db, 'released', async () => {
    const set = 'SET released_at = ?1, released_by = ?2, release_reason = ?3';
    const answers = await db.write([
      bumpVersion(auth.workspaceId),
      {
        sql: `UPDATE hold ${set} WHERE released_at IS NULL AND serial IS NULL AND lot_id IN (SELECT value FROM json_each(?4))`,
        args: [now.toISOString(), auth.tokenName, req.reason, JSON.stringify(lots)],
      },
      {
        sql: `UPDATE hold ${set} WHERE released_at IS NULL AND item_id = ?5 AND serial IN (SELECT value->>0 FROM json_each(?4))`,
        args: [now.toISOString(), auth.tokenName, req.reason, JSON.stringify(units), item.id],
      },
    ]);
    return answers[1].rowsAffected + answers[2].rowsAffected;
  });
}

/**
 * Every hold placed in the workspace (of one item, if `sku`), newest first; `active` keeps
 * those not released.
 */
export async function listHolds(db: LedgerStore, workspaceId: number, q: { sku?: string; active: boolean }): Promise<Hold[]> {
  const item = q.sku === undefined ? null : await findItem(db, workspaceId, q.sku);
  const rs = await db.read({
    sql: `SELECT i.sku, l.code AS lot, h.serial, h.reason, h.held_at, h.held_by, h.released_at, h.released_by, h.release_reason
          FROM hold h JOIN item i ON i.id = h.item_id LEFT JOIN lot l ON l.id = h.lot_id
          WHERE h.workspace_id = ? ${item ? 'AND h.item_id = ?' : ''} ${q.active ? 'AND h.released_at IS NULL' : ''}
          ORDER BY h.held_at DESC, h.id DESC`,
    args: item ? [workspaceId, item.id] : [workspaceId],
  });
  const text = (v: unknown) => (v === null ? null : String(v));
  return rs.rows.map((r) => ({
    sku: String(r.sku), lot: text(r.lot), serial: text(r.serial), reason: String(r.reason),
    heldAt: String(r.held_at), heldBy: String(r.held_by),
    releasedAt: text(r.released_at), releasedBy: text(r.released_by), releaseReason: text(r.release_reason),
  }));
}

/**
 * SQL that is 1 when the lot `lotId` is held, for the reports' `held` columns.
 * @example `SELECT ${LOT_HELD('s.lot_id')} AS held FROM stock s`
 */
export const LOT_HELD = (lotId: string) =>
  `EXISTS (SELECT 1 FROM hold h WHERE h.lot_id = ${lotId} AND h.serial IS NULL AND h.released_at IS NULL)`;

/** SQL that is 1 when the unit (item, serial, lot) is held: itself or its lot. */
export const UNIT_HELD = (itemId: string, serial: string, lotId: string) =>
  `(EXISTS (SELECT 1 FROM hold h WHERE h.item_id = ${itemId} AND h.serial = ${serial} AND h.released_at IS NULL) OR ${LOT_HELD(lotId)})`;
