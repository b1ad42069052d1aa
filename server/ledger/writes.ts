/**
 * The statements of one ledger write, in the order they must run. The first is always the
 * optimistic-concurrency guard: it sets the workspace's ledger version to the value read
 * before the checks plus one, and the trigger in 001 aborts the whole write if another
 * post got there first. Rows travel as JSON arrays joined with json_each, in chunks, so a
 * batch of 100,000 rows is a few dozen statements, not 100,000, and no statement comes
 * near SQLite's bound-parameter limit.
 */
import type { Statement } from '../db/port';
import type { Effects, NewLot } from './checks';
import type { Master } from './state';

/** One movement to append: the ids resolved, the lot by code (it may be created by the same write). */
export interface MovementWrite {
  rowIndex: number;
  type: string;
  date: string;
  itemId: number;
  lot: string | null;
  serial: string | null;
  qtyMilli: number;
  fromId: number | null;
  toId: number | null;
  party: string | null;
  ref: string | null;
  note: string | null;
  reverses: number | null;
  /** The expiry a receipt named (kept so a void can give the lot back what its other receipts say). */
  expiry?: string | null;
  /** What the row named for the compliance records (docs/API.md "Parties and location descriptions"). */
  tlcSource?: string | null;
  tlcSourceRef?: string | null;
  refType?: string | null;
}

export interface BatchRecord {
  id: string;
  postedAt: string;
  postedBy: string;
  source: { workbook: string | null; sheet: string | null; range: string | null } | null;
  voids?: string;
  reason?: string;
}

/**
 * The movements of a write: an array, or rows made one at a time as their JSON is written
 * (a post makes them from its checked rows, so 100,000 movement records never exist at once).
 */
export type MovementList = Iterable<MovementWrite> & { readonly length: number };

const CHUNK = 5000;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * The rows of `items` as JSON arrays of up to CHUNK rows each (`toRow` null: left out). Each
 * chunk's arrays become text before the next chunk's are made, so a 100,000-row post never
 * holds all its row arrays at once (about 13 MB of arrays for 100,000 movements).
 */
function jsonChunks<T>(items: Iterable<T>, toRow: (item: T) => unknown[] | null): string[] {
  const out: string[] = [];
  let part: unknown[][] = [];
  for (const item of items) {
    const row = toRow(item);
    if (row === null) continue;
    part.push(row);
    if (part.length === CHUNK) { out.push(JSON.stringify(part)); part = []; }
  }
  if (part.length > 0) out.push(JSON.stringify(part));
  return out;
}

const LOT_JOIN = (itemExpr: string, codeExpr: string) => `LEFT JOIN lot l ON l.item_id = ${itemExpr} AND l.code = ${codeExpr}`;

/**
 * The rows of a JSON parameter as the table `r`: `r.k` the row's place in the chunk, `r.v` the
 * row as JSONB. Each row is parsed once: `->>` on the text that json_each gives re-reads that
 * text for every field (about 27 ms a field for 100,000 rows), on JSONB it is a lookup (9 ms).
 * MATERIALIZED, or SQLite folds the CTE back in and parses the text at each use again.
 */
const ROWS = (param: string) => `WITH r AS MATERIALIZED (SELECT j.key AS k, jsonb(j.value) AS v FROM json_each(${param}) j)`;

/** What every write of a batch names: its workspace, the master data, the batch itself. */
export interface WriteContext {
  workspaceId: number;
  master: Master;
  batch: BatchRecord;
}

/**
 * The write's first statements: the version guard (the ledger version the checks read, plus
 * one) and the batch record of `rows` movements.
 */
export function headWrites({ workspaceId, batch }: WriteContext, expectedVersion: number, rows: number): Statement[] {
  return [
    { sql: 'UPDATE workspace SET ledger_version = ? WHERE id = ?', args: [expectedVersion + 1, workspaceId] },
    {
      sql: `INSERT INTO batch (id, workspace_id, posted_at, posted_by, rows, source_workbook, source_sheet, source_range, voids, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [batch.id, workspaceId, batch.postedAt, batch.postedBy, rows,
        batch.source?.workbook ?? null, batch.source?.sheet ?? null, batch.source?.range ?? null,
        batch.voids ?? null, batch.reason ?? null],
    },
  ];
}

/** New lots; they must be in before the movements and units that name them. */
export function lotWrites({ workspaceId, master }: WriteContext, lots: readonly NewLot[]): Statement[] {
  const rows = lots.map((l) => [master.itemsBySku.get(l.sku)!.id, l.code, l.expiry, l.firstReceived]);
  return chunks(rows).map((part) => ({
    sql: `${ROWS('?2')} INSERT INTO lot (workspace_id, item_id, code, expiry, first_received)
          SELECT ?1, r.v->>0, r.v->>1, r.v->>2, r.v->>3 FROM r`,
    args: [workspaceId, JSON.stringify(part)],
  }));
}

/** Movements, appended in the order given. */
export function movementWrites({ workspaceId, batch }: WriteContext, movements: Iterable<MovementWrite>): Statement[] {
  const json = jsonChunks(movements, (m) => [m.rowIndex, m.type, m.date, m.itemId, m.lot, m.serial, m.qtyMilli,
    m.fromId, m.toId, m.party, m.ref, m.note, m.reverses, m.expiry ?? null, m.tlcSource ?? null, m.tlcSourceRef ?? null, m.refType ?? null]);
  // r is read in the order it was filled, so rows are inserted (and get their ids) in row order;
  // an ORDER BY would only add a sort of every row through a temporary B-tree.
  return json.map((part) => ({
    sql: `${ROWS('?4')} INSERT INTO movement (workspace_id, batch_id, row_index, type, date, item_id, lot_id, serial, qty_milli,
            from_location_id, to_location_id, party, ref, note, reverses, posted_at, expiry, tlc_source, tlc_source_ref, ref_type)
          SELECT ?1, ?2, r.v->>0, r.v->>1, r.v->>2, r.v->>3, l.id, r.v->>5, r.v->>6,
            r.v->>7, r.v->>8, r.v->>9, r.v->>10, r.v->>11, r.v->>12, ?3, r.v->>13, r.v->>14, r.v->>15, r.v->>16
          FROM r ${LOT_JOIN('r.v->>3', 'r.v->>4')}`,
    args: [workspaceId, batch.id, batch.postedAt, part],
  }));
}

/**
 * What the batch leaves behind in the projections: lot expiries filled in (`effects.lotExpiries`
 * and any in `moreExpiries`), units where they are now, stock changed.
 */
export function effectWrites(
  { workspaceId, master }: WriteContext, effects: Effects, moreExpiries: readonly { sku: string; code: string; expiry: string }[] = [],
): Statement[] {
  const itemId = (sku: string) => master.itemsBySku.get(sku)!.id;
  const locationId = (code: string) => master.locationIds.get(code)!;
  const stmts: Statement[] = [];
  const expiries = [...effects.lotExpiries.values(), ...moreExpiries].map((l) => [itemId(l.sku), l.code, l.expiry]);
  for (const part of chunks(expiries)) {
    stmts.push({
      sql: `${ROWS('?1')} UPDATE lot SET expiry = d.expiry
            FROM (SELECT r.v->>0 AS item_id, r.v->>1 AS code, r.v->>2 AS expiry FROM r) d
            WHERE lot.item_id = d.item_id AND lot.code = d.code AND lot.expiry IS NULL`,
      args: [JSON.stringify(part)],
    });
  }
  for (const part of chunks([...effects.firstReceived.values()].map((l) => [itemId(l.sku), l.code, l.date]))) {
    stmts.push({
      sql: `${ROWS('?1')} UPDATE lot SET first_received = d.date
            FROM (SELECT r.v->>0 AS item_id, r.v->>1 AS code, r.v->>2 AS date FROM r) d
            WHERE lot.item_id = d.item_id AND lot.code = d.code AND (lot.first_received > d.date OR lot.first_received = '')`,
      args: [JSON.stringify(part)],
    });
  }
  const kept = jsonChunks(effects.units.values(), (u) =>
    u === null ? null : [itemId(u.sku), u.serial, u.lot, u.state, u.location === null ? null : locationId(u.location), u.party, u.lastDate]);
  // last_date only grows (see 005): a void moving a unit back leaves it, and the history decides.
  for (const json of kept) {
    stmts.push({
      sql: `${ROWS('?2')} INSERT INTO unit (workspace_id, item_id, serial, lot_id, state, location_id, party, last_date)
            SELECT ?1, r.v->>0, r.v->>1, l.id, r.v->>3, r.v->>4, r.v->>5, r.v->>6
            FROM r ${LOT_JOIN('r.v->>0', 'r.v->>2')} WHERE true
            ON CONFLICT (item_id, serial) DO UPDATE SET
              state = excluded.state, location_id = excluded.location_id, party = excluded.party,
              last_date = MAX(COALESCE(unit.last_date, ''), excluded.last_date)`,
      args: [workspaceId, json],
    });
  }
  const gone: unknown[][] = [];
  for (const [k, u] of effects.units) {
    if (u !== null) continue;
    const [sku, serial] = k.split('\u0000');
    gone.push([itemId(sku), serial]);
  }
  for (const part of chunks(gone)) {
    stmts.push({
      // By id through a join: a row-value IN searched unit by item alone and walked all its units.
      sql: `DELETE FROM unit WHERE id IN (SELECT u.id FROM json_each(?) j JOIN unit u ON u.item_id = j.value->>0 AND u.serial = j.value->>1)`,
      args: [JSON.stringify(part)],
    });
  }
  // Stock: increases as upserts, decreases as updates of rows that must exist. (An upsert
  // with a negative quantity would trip the CHECK before the conflict turns it into an update.)
  const up: unknown[][] = [];
  const down: unknown[][] = [];
  // A net change of zero still moves last_date on (rows in and out on one day can dip below zero
  // in between, so a later back-dated row must see them): an update, like a decrease.
  for (const s of effects.stock.values()) {
    (s.delta > 0 ? up : down).push([itemId(s.sku), s.lot, locationId(s.location), s.delta, s.lastDate]);
  }
  for (const part of chunks(up)) {
    stmts.push({
      sql: `${ROWS('?2')} INSERT INTO stock (workspace_id, item_id, lot_id, location_id, qty_milli, last_date)
            SELECT ?1, r.v->>0, COALESCE(l.id, 0), r.v->>2, r.v->>3, r.v->>4
            FROM r ${LOT_JOIN('r.v->>0', 'r.v->>1')} WHERE true
            ON CONFLICT (item_id, lot_id, location_id) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli,
              last_date = MAX(COALESCE(stock.last_date, ''), excluded.last_date)`,
      args: [workspaceId, JSON.stringify(part)],
    });
  }
  // The lot id is a scalar subquery, not a join: with a join the planner searched stock by item
  // alone and looked up the lot of each of the item's stock rows (0.6 s for 5,000 rows on a
  // ledger of 100,000 lots); this way each row is one search of stock's primary key.
  for (const part of chunks(down)) {
    stmts.push({
      sql: `${ROWS('?1')} UPDATE stock SET qty_milli = qty_milli + d.delta, last_date = MAX(COALESCE(stock.last_date, ''), d.last_date)
            FROM (SELECT r.v->>0 AS item_id,
                    COALESCE((SELECT l.id FROM lot l WHERE l.item_id = r.v->>0 AND l.code = r.v->>1), 0) AS lot_id,
                    r.v->>2 AS location_id, r.v->>3 AS delta, r.v->>4 AS last_date
                  FROM r) d
            WHERE stock.item_id = d.item_id AND stock.lot_id = d.lot_id AND stock.location_id = d.location_id`,
      args: [JSON.stringify(part)],
    });
  }
  return stmts;
}

/**
 * The whole write of a batch at once: guard, batch, new lots, movements, the projections, and any
 * extra statements (an idempotency record) last, so they commit with the rest or not at all.
 * (A post makes the same statements a part at a time: post.ts.)
 */
export function ledgerWrites(
  ctx: WriteContext, expectedVersion: number, movements: MovementList, effects: Effects, extra: Statement[] = [],
): Statement[] {
  return [
    ...headWrites(ctx, expectedVersion, movements.length),
    ...lotWrites(ctx, [...effects.newLots.values()]),
    ...movementWrites(ctx, movements),
    ...effectWrites(ctx, effects),
    ...extra,
  ];
}
