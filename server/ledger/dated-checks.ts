/**
 * The ledger rules for a row dated before the latest movement of its key (DESIGN.md "Ledger
 * rules": as of its date and every later date), over what a batch's Simulation holds: the
 * ledger's dated history (history-reads.ts) and the batch's own rows so far.
 */
import type { CheckedRow } from '../../shared/rows';
import type { Simulation } from './checks';
import { serialBlocker, takeBlocker, type LaterMove } from './history';
import { lotName, stockKey } from './keys';

/**
 * A serial row dated before the serial's latest movement (in the ledger or earlier in the batch):
 * the serial must have been where the row says on its date, and nothing may move it after.
 * Null when the row holds (always, on the common path: dated on or after its latest movement).
 */
export function serialHistoryBlocker(sim: Simulation, uk: string, row: CheckedRow): string | null {
  const inBatch = sim.effects.units.get(uk);
  if (inBatch && inBatch.lastDate > row.date) {
    return `Serial ${row.serial} of ${row.sku} is moved on ${inBatch.lastDate} by an earlier row of this batch; a row dated ${row.date} would come before that.`;
  }
  if (sim.unitLedgerDate(uk) <= row.date) return null;
  const moves = sim.history.serials.get(uk);
  if (!moves) throw new Error(`history of serial ${row.serial} was not read`);
  if (inBatch) {
    // Where the serial was on the date is what the batch's rows say; only later movements matter.
    const next = moves.find((m) => m.date > row.date);
    return next ? `Serial ${row.serial} of ${row.sku} moves on ${next.date} (batch ${next.batchId}); a row dated ${row.date} would break that movement.` : null;
  }
  return serialBlocker(moves, row.date, row.serial!, row.sku, { from: row.from, shipped: row.type === 'return' });
}

/**
 * A row taking stock, dated before the latest movement at its place (in the ledger or earlier in
 * the batch): the stock must have been there on its date and every later balance stay at or above
 * zero. `now` is on hand there after everything so far. Null when the row holds; undefined when
 * it is not dated before that movement (the common case: on hand now decides).
 */
export function stockHistoryBlocker(sim: Simulation, rows: readonly (CheckedRow | null)[], row: CheckedRow, now: number): string | null | undefined {
  const sk = stockKey(row.sku, row.lot, row.from!);
  const inBatch = sim.effects.stock.get(sk);
  const ledgerLater = sim.stockLedgerDate(sk) > row.date;
  if (!ledgerLater && !(inBatch && inBatch.lastDate > row.date)) return undefined;
  const later: LaterMove[] = [];
  if (ledgerLater) {
    const known = sim.history.stock.get(sk);
    if (!known || known.since > row.date) throw new Error(`history of ${sk} from ${row.date} was not read`);
    for (const m of known.moves) if (m.date > row.date) later.push({ date: m.date, delta: m.delta, where: `batch ${m.batchId}` });
  }
  if (inBatch) {
    for (const leg of inBatch.legs) {
      const j = leg >= 0 ? leg : ~leg;
      const r = rows[j]!;
      if (r.date > row.date) later.push({ date: r.date, delta: leg >= 0 ? r.qtyMilli : -r.qtyMilli, where: `row ${j} of this batch` });
    }
  }
  // Stable: the ledger's movements before the batch's rows of the same date, each in posting order.
  later.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return takeBlocker(now, row.qtyMilli, row.date, later, lotName(row.sku, row.lot), row.from!);
}
