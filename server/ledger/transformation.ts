/**
 * Transformation (docs/API.md "Transformation"): the `consume` and `produce` rows of one batch
 * with the same `ref` (the work order) form one transformation, each output made from every
 * input. Read straight from the movements, so nothing else has to be kept in step: only
 * movements that count (not reversals, not of a voided batch) link lots, so a voided
 * transformation is in no list, tree or recall.
 */
import type { LedgerStore } from '../db/port';
import type { GenealogyAnswer, LinkedLot, LotKey } from '../../shared/recall-answers';
import { findItem, findLot } from './lookups';
import { qtyOf } from './reports/qty';

/** The batch of movement `m` was not voided. */
const NOT_VOIDED = (m: string) => `NOT EXISTS (SELECT 1 FROM batch v WHERE v.voids = ${m}.batch_id)`;

/**
 * Joins consume rows `c` and produce rows `p` of one transformation: a search of movement_batch,
 * named, since the planner otherwise may build an automatic index (or a Bloom filter) over
 * every movement for the join.
 */
const SAME_WORK_ORDER = (from: string, to: string, type: 'consume' | 'produce') =>
  `JOIN movement ${to} INDEXED BY movement_batch ON ${to}.batch_id = ${from}.batch_id AND ${to}.type = '${type}' AND ${to}.ref = ${from}.ref AND ${to}.reverses IS NULL`;

/** The deepest a tree is followed: far past any real chain, and a bound on a damaged ledger. */
const MAX_DEPTH = 64;

/**
 * The inputs of the transformations that made lot `lotId` (madeFrom, with the quantity consumed)
 * and the outputs made from it (usedIn, with the quantity produced).
 */
export async function linkedLots(db: LedgerStore, lotId: number): Promise<{ madeFrom: LinkedLot[]; usedIn: LinkedLot[] }> {
  const list = (self: 'p' | 'c', other: 'c' | 'p') => ({
    sql: `SELECT ${other}.id, i.sku, l.code AS lot, ${other}.serial, ${other}.qty_milli, ${other}.ref, ${other}.date
          FROM movement ${self} ${SAME_WORK_ORDER(self, other, other === 'c' ? 'consume' : 'produce')}
          JOIN item i ON i.id = ${other}.item_id LEFT JOIN lot l ON l.id = ${other}.lot_id
          WHERE ${self}.lot_id = ? AND ${self}.type = '${self === 'p' ? 'produce' : 'consume'}' AND ${self}.reverses IS NULL AND ${NOT_VOIDED(self)}
          GROUP BY ${other}.id ORDER BY ${other}.id`,
    args: [lotId],
  });
  const [from, used] = await db.read([list('p', 'c'), list('c', 'p')]);
  const text = (v: unknown) => (v === null ? null : String(v));
  const linked = (r: Record<string, unknown>): LinkedLot => ({
    sku: String(r.sku), lot: text(r.lot), serial: text(r.serial), qty: qtyOf(r.qty_milli), ref: String(r.ref), date: String(r.date),
  });
  return { madeFrom: from.rows.map(linked), usedIn: used.rows.map(linked) };
}

/** One link of a tree, by lot id: input lot to output lot, its work order and date, and how deep it was found. */
export interface Edge { from: number; to: number; ref: string; date: string; depth: number }

/**
 * Every link reached from the lots `roots`, following transformations down (to what was made
 * from them) or up (to what they were made from), with the depth at which each was reached:
 * breadth first, one read a level (a recursive query let the planner scan every movement).
 */
export async function edgesFrom(db: LedgerStore, roots: readonly number[], direction: 'up' | 'down'): Promise<Edge[]> {
  const sql = edgeLevelSql(direction);
  const seen = new Set(roots);
  const edges: Edge[] = [];
  let frontier = [...seen];
  for (let depth = 1; frontier.length > 0 && depth <= MAX_DEPTH; depth++) {
    const rs = await db.read({ sql, args: [JSON.stringify(frontier)] });
    frontier = [];
    for (const r of rs.rows) {
      const e = { from: Number(r.from_id), to: Number(r.to_id), ref: String(r.ref), date: String(r.date), depth };
      edges.push(e);
      const next = direction === 'down' ? e.to : e.from;
      if (!seen.has(next)) { seen.add(next); frontier.push(next); }
    }
  }
  return edges;
}

/**
 * The links of one level of a tree: from the lots of the JSON list parameter, down (the lot is
 * consumed, `c`, and the outputs `p` are next) or up (the lot is produced and the inputs are next).
 */
export function edgeLevelSql(direction: 'up' | 'down'): string {
  const [self, other] = direction === 'down' ? ['c', 'p'] as const : ['p', 'c'] as const;
  return `SELECT c.lot_id AS from_id, p.lot_id AS to_id, c.ref, p.date
    FROM json_each(?) f JOIN movement ${self} ON ${self}.lot_id = f.value AND ${self}.type = '${self === 'c' ? 'consume' : 'produce'}' AND ${self}.reverses IS NULL
    ${SAME_WORK_ORDER(self, other, other === 'c' ? 'consume' : 'produce')}
    WHERE ${other}.lot_id IS NOT NULL AND ${NOT_VOIDED(self)}
    GROUP BY c.lot_id, p.lot_id, c.ref, p.date ORDER BY p.date, c.ref, c.lot_id, p.lot_id`;
}

/** The sku and code of each lot id. */
export async function lotKeys(db: LedgerStore, ids: readonly number[]): Promise<Map<number, LotKey>> {
  const rs = await db.read({
    sql: 'SELECT l.id, i.sku, l.code FROM json_each(?) j JOIN lot l ON l.id = j.value JOIN item i ON i.id = l.item_id',
    args: [JSON.stringify([...new Set(ids)])],
  });
  return new Map(rs.rows.map((r) => [Number(r.id), { sku: String(r.sku), lot: String(r.code) }]));
}

/**
 * The family tree of a lot, up (what it was made from) or down (what was made from it).
 * @example await genealogy(db, 1, { sku: 'VAC-10', lot: 'L1', direction: 'down' })
 */
export async function genealogy(db: LedgerStore, workspaceId: number, q: { sku: string; lot: string; direction: 'up' | 'down' }): Promise<GenealogyAnswer> {
  const item = await findItem(db, workspaceId, q.sku);
  const lot = await findLot(db, item, q.lot);
  const edges = await edgesFrom(db, [lot.id], q.direction);
  const depth = new Map<number, number>([[lot.id, 0]]);
  for (const e of edges) {
    const reached = q.direction === 'down' ? e.to : e.from;
    if (!depth.has(reached)) depth.set(reached, e.depth);
  }
  const keys = await lotKeys(db, [...depth.keys()]);
  return {
    nodes: [...depth.entries()].map(([id, d]) => ({ ...keys.get(id)!, depth: d })),
    edges: edges.map((e) => ({ from: keys.get(e.from)!, to: keys.get(e.to)!, ref: e.ref, date: e.date })),
  };
}
