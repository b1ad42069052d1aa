/**
 * Duplicate protection (docs/API.md "Duplicate protection"): a row repeats a posted row when an
 * earlier, unvoided batch has a row of the same type, ref, item, lot and quantity. The batch's
 * keys are looked up in one read, beside the state read of the post, through the index
 * lot or, for an untracked item, `movement_repeat` (migration 009); serial rows, rows without a ref, reversals and this
 * batch's own rows (already written when a later part is read) are never repeats.
 */
import type { Rows, Statement } from '../db/port';
import type { CheckedRow } from '../../shared/rows';
import { fromMilli } from '../../shared/rows';
import { problem, type Problem } from '../../shared/problems';
import type { Master } from './state';

const SEP = '\u0000';

/** The earlier batch a row repeats. */
export interface Earlier { batchId: string; postedAt: string; postedBy: string }

/** A repeat key: type, ref, item id, lot code ('' for none), quantity in thousandths. */
export type RepeatKey = [string, string, number, string, number];

const keyText = (type: string, ref: string, itemId: number, lot: string, qtyMilli: number) =>
  type + SEP + ref + SEP + itemId + SEP + lot + SEP + qtyMilli;

/** The row's repeat key, or null when the row can never be a repeat. */
function repeatKey(row: CheckedRow | null, master: Master): RepeatKey | null {
  if (!row || row.serial !== null || !row.ref) return null;
  const item = master.itemsBySku.get(row.sku);
  return item ? [row.type, row.ref, item.id, row.lot ?? '', row.qtyMilli] : null;
}

/** The distinct keys of rows `from` to `to` that `seen` does not hold yet (they are added to it). */
export function repeatKeysOf(
  rows: readonly (CheckedRow | null)[], master: Master, from: number, to: number, seen: Set<string>,
): RepeatKey[] {
  const keys: RepeatKey[] = [];
  for (let i = from; i < to; i++) {
    const k = repeatKey(rows[i], master);
    if (!k) continue;
    const t = keyText(...k);
    if (seen.has(t)) continue;
    seen.add(t);
    keys.push(k);
  }
  return keys;
}

/**
 * The read of the earliest unvoided batch, other than `batchId`, holding a movement of each key:
 * one JSON text; a key with a lot goes through the lot and its movements (none when the lot is
 * new: most of a receipt), one without through `movement_repeat`.
 */
export function repeatRead(keys: readonly RepeatKey[], batchId: string): Statement {
  const same = (m: string) => `${m}.ref = k.ref AND ${m}.type = k.type AND ${m}.qty_milli = k.qty AND ${m}.serial IS NULL
              AND ${m}.reverses IS NULL AND ${m}.batch_id <> ?2`;
  return {
    sql: `WITH k AS MATERIALIZED (SELECT v->>0 AS type, v->>1 AS ref, v->>2 AS item_id, v->>3 AS lot, v->>4 AS qty
              FROM (SELECT jsonb(j.value) AS v FROM json_each(?1) j)),
          hits AS (
            SELECT k.type, k.ref, k.item_id, k.lot, k.qty, m.batch_id FROM k
            JOIN lot l ON l.item_id = k.item_id AND l.code = k.lot
            JOIN movement m ON m.lot_id = l.id AND ${same('m')}
            WHERE k.lot <> ''
            UNION ALL
            SELECT k.type, k.ref, k.item_id, k.lot, k.qty, m.batch_id FROM k
            JOIN movement m ON m.item_id = k.item_id AND m.ref = k.ref AND m.lot_id IS NULL AND ${same('m')}
            WHERE k.lot = '')
          SELECT json_group_array(json_array(type, ref, item_id, lot, qty, batch_id, posted_at, posted_by)) AS j FROM (
            SELECT h.type, h.ref, h.item_id, h.lot, h.qty, b.id AS batch_id, MIN(b.posted_at) AS posted_at, b.posted_by
            FROM hits h JOIN batch b ON b.id = h.batch_id
            WHERE NOT EXISTS (SELECT 1 FROM batch v WHERE v.voids = b.id)
            GROUP BY h.type, h.ref, h.item_id, h.lot, h.qty)`,
    args: [JSON.stringify(keys), batchId],
  };
}

/**
 * The keys that can repeat an earlier row: an untracked item's, or a lot's that the ledger held
 * when its state was read. A lot new to the ledger has no earlier movement, so most of a receipt
 * (new lots) needs no look-up at all.
 * @example repeatableKeys(keys, master, (sku, lot) => state.lots.has(lotKey(sku, lot)))
 */
export function repeatableKeys(keys: readonly RepeatKey[], master: Master, lotKnown: (sku: string, lot: string) => boolean): RepeatKey[] {
  if (keys.length === 0) return [];
  const skuOf = new Map(master.items.map((i) => [i.id, i.sku]));
  return keys.filter(([, , itemId, lot]) => lot === '' || lotKnown(skuOf.get(itemId)!, lot));
}

/** Adds the answer of `repeatRead` to `found` (by key). */
export function addRepeats(found: Map<string, Earlier>, answer: Rows): void {
  const list = JSON.parse(String(answer.rows[0].j)) as [string, string, number, string, number, string, string, string][];
  for (const [type, ref, itemId, lot, qty, batchId, postedAt, postedBy] of list) {
    found.set(keyText(type, ref, itemId, lot, qty), { batchId, postedAt, postedBy });
  }
}

/**
 * The `possible_duplicate` problems of rows `from` to `to`: errors, or warnings when the clerk
 * confirmed the rows are meant.
 */
export function repeatProblems(
  rows: readonly (CheckedRow | null)[], master: Master, from: number, to: number, found: ReadonlyMap<string, Earlier>,
  confirmed: boolean,
): Problem[] {
  const problems: Problem[] = [];
  if (found.size === 0) return problems;
  for (let i = from; i < to; i++) {
    const k = repeatKey(rows[i], master);
    const earlier = k && found.get(keyText(...k));
    if (!k || !earlier) continue;
    const row = rows[i]!;
    const what = `${row.type} of ${fromMilli(row.qtyMilli)} ${row.lot ? `${row.sku} lot ${row.lot}` : row.sku} for ${row.ref}`;
    const message = `This ${what} repeats batch ${earlier.batchId}, posted ${earlier.postedAt.slice(0, 10)} by ${earlier.postedBy}.`
      + (confirmed ? ' Posted anyway, as confirmed.' : ' Leave the row out, or post with the duplicates confirmed if it is meant.');
    problems.push({ ...problem(i, 'ref', 'possible_duplicate', message, confirmed ? 'warning' : 'error'), batchId: earlier.batchId });
  }
  return problems;
}
