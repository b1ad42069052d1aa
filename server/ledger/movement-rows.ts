import type { LedgerStore, Row, Value } from '../db/port';
import { counts, type Movement } from '../../shared/report-answers';
import type { MovementType } from '../../shared/rows';
import type { CsvColumn } from './csv';

export { counts, type Movement };

/**
 * The one SELECT that shapes a movement for every report. Callers add their own
 * `WHERE` (always naming `m.workspace_id` or an already-scoped lot/item id) and `ORDER BY`.
 * `voidedBy` is a lookup through the unique index on `batch.voids`.
 */
export const MOVEMENT_SELECT = `
SELECT m.id, m.batch_id, m.type, m.date, i.sku, l.code AS lot, m.serial, m.qty_milli,
       fl.code AS from_code, tl.code AS to_code, m.party, m.ref, m.note, m.posted_at,
       b.posted_by, (SELECT v.id FROM batch v WHERE v.voids = m.batch_id) AS voided_by, m.reverses
FROM movement m
JOIN batch b ON b.id = m.batch_id
JOIN item i ON i.id = m.item_id
LEFT JOIN lot l ON l.id = m.lot_id
LEFT JOIN location fl ON fl.id = m.from_location_id
LEFT JOIN location tl ON tl.id = m.to_location_id`;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Turns one row of `MOVEMENT_SELECT` into a `Movement`. */
export function toMovement(row: Row): Movement {
  return {
    id: Number(row.id),
    batchId: String(row.batch_id),
    type: String(row.type) as MovementType,
    date: String(row.date),
    sku: String(row.sku),
    lot: text(row.lot),
    serial: text(row.serial),
    qty: Number(row.qty_milli) / 1000,
    from: text(row.from_code),
    to: text(row.to_code),
    party: text(row.party),
    ref: text(row.ref),
    note: text(row.note),
    postedAt: String(row.posted_at),
    postedBy: String(row.posted_by),
    voidedBy: text(row.voided_by),
    reverses: row.reverses === null ? null : Number(row.reverses),
  };
}

/** Runs `MOVEMENT_SELECT` with a tail (`WHERE … ORDER BY …`) and shapes the rows. */
export async function selectMovements(db: LedgerStore, tail: string, args: Value[]): Promise<Movement[]> {
  const rs = await db.read({ sql: `${MOVEMENT_SELECT}\n${tail}`, args });
  return rs.rows.map(toMovement);
}


/** The columns of a movement list as CSV, in the order of the JSON fields. */
export const MOVEMENT_COLUMNS: readonly CsvColumn<Movement>[] = (
  ['id', 'batchId', 'type', 'date', 'sku', 'lot', 'serial', 'qty', 'from', 'to', 'party', 'ref',
    'note', 'postedAt', 'postedBy', 'voidedBy', 'reverses'] as const
).map((key) => ({ header: key, value: (m: Movement) => m[key] }));
