import type { LedgerStore, Value } from '../../db/port';
import { LedgerError } from '../errors';
import { selectMovements, type Movement } from '../movement-rows';
import { findItem } from '../lookups';

export interface MovementQuery {
  from?: string;
  to?: string;
  sku?: string;
  /** Lot codes: the movements of any of them (of the item, when `sku` is given). */
  lots?: readonly string[];
}

/** Where a page ends: the last (date, id) it holds. */
export interface MovementKey {
  date: string;
  id: number;
}

export interface MovementPage {
  movements: Movement[];
  /** Null on the last page. */
  next: MovementKey | null;
}

/** The largest page a JSON answer holds, and its default. */
export const MAX_PAGE = 10_000;

/**
 * Resolves the filters of a movement window to a WHERE clause scoped to the workspace.
 * An unknown sku or lot is a 404 rather than an empty record, so a typo is not mistaken
 * for "nothing happened".
 */
export async function movementFilter(db: LedgerStore, workspaceId: number, q: MovementQuery): Promise<{ where: string; args: Value[] }> {
  const item = q.sku === undefined ? null : await findItem(db, workspaceId, q.sku);
  let lotIds: number[] | null = null;
  const codes = [...new Set(q.lots ?? [])];
  if (codes.length > 0) {
    const marks = codes.map(() => '?').join(', ');
    const rs = item
      ? await db.read({ sql: `SELECT id, code FROM lot WHERE item_id = ? AND code IN (${marks})`, args: [item.id, ...codes] })
      : await db.read({ sql: `SELECT id, code FROM lot WHERE workspace_id = ? AND code IN (${marks})`, args: [workspaceId, ...codes] });
    const found = new Set(rs.rows.map((r) => String(r.code)));
    const missing = codes.filter((code) => !found.has(code));
    if (missing.length > 0) {
      const named = missing.length === 1 ? `Lot ${missing[0]}` : `Lots ${missing.join(', ')}`;
      throw new LedgerError('not_found', `${named}${item ? ` of ${item.sku}` : ''} ${missing.length === 1 ? 'is' : 'are'} not in this workspace.`);
    }
    lotIds = rs.rows.map((r) => Number(r.id));
  }
  // The narrowest filter picks the index: a lot's movements, else an item's by date, else the
  // workspace's by date. A unary + keeps SQLite from walking a wider index instead (the
  // three tie on its cost model without statistics).
  const narrowest = lotIds ? 'lot' : item ? 'item' : 'workspace';
  let where = `${narrowest === 'workspace' ? '' : '+'}m.workspace_id = ?`;
  const args: Value[] = [workspaceId];
  if (item) { where += ` AND ${narrowest === 'item' ? '' : '+'}m.item_id = ?`; args.push(item.id); }
  if (lotIds) { where += ` AND m.lot_id IN (${lotIds.map(() => '?').join(', ')})`; args.push(...lotIds); }
  if (q.from !== undefined) { where += ' AND m.date >= ?'; args.push(q.from); }
  if (q.to !== undefined) { where += ' AND m.date <= ?'; args.push(q.to); }
  return { where, args };
}

/**
 * One page of a movement window, sorted by date then posting order, after `after`.
 * Keyset paging: each page is an index range, however deep into the window.
 */
export async function movementPage(
  db: LedgerStore,
  filter: { where: string; args: Value[] },
  limit: number,
  after: MovementKey | null,
): Promise<MovementPage> {
  let { where } = filter;
  const args = [...filter.args];
  if (after) { where += ' AND (m.date, m.id) > (?, ?)'; args.push(after.date, after.id); }
  args.push(limit + 1);
  const rows = await selectMovements(db, `WHERE ${where} ORDER BY m.date, m.id LIMIT ?`, args);
  const more = rows.length > limit;
  const movements = more ? rows.slice(0, limit) : rows;
  const last = movements[movements.length - 1];
  return { movements, next: more ? { date: last.date, id: last.id } : null };
}

/** An opaque cursor for a page key. @example encodeCursor({date: '2026-11-20', id: 42}) */
export function encodeCursor(key: MovementKey): string {
  return btoa(`${key.date}|${key.id}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The page key of a cursor, or null when it is not one this server wrote. */
export function decodeCursor(cursor: string): MovementKey | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return null;
  let text: string;
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return null;
  }
  const m = /^(\d{4}-\d{2}-\d{2})\|(\d{1,15})$/.exec(text);
  return m ? { date: m[1], id: Number(m[2]) } : null;
}
