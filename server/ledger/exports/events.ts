/**
 * The critical tracking events of a window or of lots, read for the compliance exports (FSMA 204
 * records, EPCIS): receipts, customer returns, shipments, and the two sides of each
 * transformation, as plain rows. Only movements that count (no reversal, no voided batch).
 * Transfers between own locations, scrap and counts are internal and are no such event.
 */
import type { LedgerStore, Row, Value } from '../../db/port';
import type { MovementType } from '../../../shared/rows';
import type { ItemDescription } from '../../../shared/master';
import { qtyOf } from '../reports/qty';

export type CteType = Extract<MovementType, 'receive' | 'return' | 'ship' | 'consume' | 'produce'>;

/** One movement as the exports need it: the item described, the places by code, the lot's origin. */
export interface CteEvent {
  id: number;
  batchId: string;
  type: CteType;
  date: string;
  postedAt: string;
  sku: string;
  gtin: string | null;
  product: string;
  description: ItemDescription;
  unit: string;
  lot: string | null;
  serial: string | null;
  qty: number;
  from: string | null;
  to: string | null;
  party: string | null;
  ref: string | null;
  /** The ref type the row named, else the default of its type (docs/API.md). */
  refType: string | null;
  /**
   * The traceability lot code source: for a lot, what its first receipt named (its tlcSource,
   * else its supplier) or, for a produced lot, the location where it was produced; for an
   * untracked item, what this row named (else its supplier on a receipt).
   */
  tlcSource: string | null;
  tlcSourceRef: string | null;
}

export const CTE_TYPES: readonly CteType[] = ['receive', 'return', 'ship', 'consume', 'produce'];

const DEFAULT_REF_TYPE: Record<CteType, string> = { receive: 'PO', ship: 'BOL', return: 'RMA', consume: 'WO', produce: 'WO' };

/** Counted movements: no reversal, and not of a voided batch. */
const COUNTS = (m: string) => `${m}.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM batch v WHERE v.voids = ${m}.batch_id)`;

const EVENT_SELECT = `
SELECT m.id, m.batch_id, m.type, m.date, m.posted_at, i.sku, i.gtin, i.name, i.unit, i.brand, i.commodity, i.variety,
       i.pack_size, i.pack_style, l.code AS lot, m.serial, m.qty_milli, fl.code AS from_code, tl.code AS to_code,
       m.party, m.ref, m.ref_type, m.tlc_source, m.tlc_source_ref,
       o.type AS origin_type, o.party AS origin_party, o.tlc_source AS origin_source, o.tlc_source_ref AS origin_ref,
       ol.code AS origin_location
FROM movement m
JOIN item i ON i.id = m.item_id
LEFT JOIN lot l ON l.id = m.lot_id
LEFT JOIN location fl ON fl.id = m.from_location_id
LEFT JOIN location tl ON tl.id = m.to_location_id
LEFT JOIN movement o ON o.id = (
  SELECT f.id FROM movement f WHERE f.lot_id = m.lot_id AND f.type IN ('receive', 'produce') AND ${COUNTS('f')} ORDER BY f.id LIMIT 1)
LEFT JOIN location ol ON ol.id = o.to_location_id`;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toEvent(r: Row): CteEvent {
  const type = String(r.type) as CteType;
  const lot = text(r.lot);
  // The origin of a lot; an untracked item's row is its own origin.
  const originType = lot === null ? type : text(r.origin_type);
  const originSource = lot === null ? text(r.tlc_source) : text(r.origin_source);
  const originParty = lot === null ? (type === 'receive' ? text(r.party) : null) : text(r.origin_party);
  const tlcSource = originSource ?? (originType === 'produce' ? text(r.origin_location) : originType === 'receive' ? originParty : null);
  return {
    id: Number(r.id), batchId: String(r.batch_id), type, date: String(r.date), postedAt: String(r.posted_at),
    sku: String(r.sku), gtin: text(r.gtin), product: String(r.name), unit: String(r.unit),
    description: { brand: text(r.brand), commodity: text(r.commodity), variety: text(r.variety), packSize: text(r.pack_size), packStyle: text(r.pack_style) },
    lot, serial: text(r.serial), qty: qtyOf(r.qty_milli), from: text(r.from_code), to: text(r.to_code),
    party: text(r.party), ref: text(r.ref), refType: text(r.ref_type) ?? DEFAULT_REF_TYPE[type],
    tlcSource, tlcSourceRef: lot === null ? text(r.tlc_source_ref) : text(r.origin_ref),
  };
}

/**
 * The events that `where` (over `m`, scoped to the workspace, e.g. movementFilter's) selects,
 * and with each transformation row every other row of its transformation (the same batch and
 * work order), whatever the filter said of them: a transformation is exported whole. A
 * `consume` with no `produce` of its work order is plain use, not a transformation: left out.
 * In date, then posting, order.
 */
export async function cteEvents(db: LedgerStore, filter: { where: string; args: Value[] }): Promise<CteEvent[]> {
  const types = CTE_TYPES.map((t) => `'${t}'`).join(', ');
  const selected = await db.read({
    sql: `${EVENT_SELECT} WHERE ${filter.where} AND m.type IN (${types}) AND ${COUNTS('m')} ORDER BY m.date, m.id`,
    args: filter.args,
  });
  const events = selected.rows.map(toEvent);
  const orders = new Map<string, { batchId: string; ref: string }>();
  for (const e of events) {
    if ((e.type === 'consume' || e.type === 'produce') && e.ref !== null) orders.set(`${e.batchId}\u0000${e.ref}`, { batchId: e.batchId, ref: e.ref });
  }
  if (orders.size === 0) return events;
  const sides = await db.read({
    sql: `${EVENT_SELECT} JOIN json_each(?) w ON m.batch_id = w.value->>0 AND m.ref = w.value->>1
          WHERE m.type IN ('consume', 'produce') AND ${COUNTS('m')} ORDER BY m.date, m.id`,
    args: [JSON.stringify([...orders.values()].map((o) => [o.batchId, o.ref]))],
  });
  const seen = new Set(events.map((e) => e.id));
  const all = [...events, ...sides.rows.map(toEvent).filter((e) => !seen.has(e.id))];
  const producing = new Set(all.filter((e) => e.type === 'produce').map((e) => `${e.batchId}\u0000${e.ref}`));
  return all
    .filter((e) => e.type !== 'consume' || producing.has(`${e.batchId}\u0000${e.ref}`))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
}
