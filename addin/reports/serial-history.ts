/** A serial's history: where the unit is now, then everywhere it has been. */
import type { ReportSheet } from '../workbook/port';
import type { Movement, SerialTraceAnswer } from '../../shared/report-answers';
import type { Warranty } from '../../shared/recall-answers';
import { column, part, partsSheet, pulledAt } from './layout';
import { MOVEMENT_COLUMNS } from './movement-columns';

type Unit = SerialTraceAnswer['unit'];

const STATE: Record<string, string> = { in_stock: 'in stock', shipped: 'shipped', scrapped: 'scrapped' };

/**
 * The sheet of one serial's history.
 * @example serialHistorySheet(answer, new Date(), false).name // 'Serial P-001'
 */
export function serialHistorySheet(t: SerialTraceAnswer, now: Date, date1904: boolean): ReportSheet {
  return partsSheet(`Serial ${t.unit.serial}`, `Serial history of ${t.unit.serial} (${t.unit.sku}) · ${pulledAt(now)}`, [
    part<Unit>('The unit now', [
      column('SKU', 'id', (u) => u.sku),
      column('Serial', 'id', (u) => u.serial),
      column('Lot', 'id', (u) => u.lot),
      column('State', 'text', (u) => (u.state === null ? 'not in the ledger (its receipt was voided)' : unitState(u.state))),
      column('Location', 'id', (u) => u.location),
      column('Held by', 'text', (u) => u.party),
    ], [t.unit], ''),
    part<Warranty>('Warranty', [
      column('Shipped on', 'date', (w) => w.shippedOn),
      column('Until', 'date', (w) => w.until),
      column('Status', 'text', (w) => (w.active ? 'active' : 'expired')),
    ], t.warranty ? [t.warranty] : [], 'No warranty: the item has none, or the unit was never shipped to a customer.'),
    part<Movement>('Where it has been, voided movements and their reversals included', MOVEMENT_COLUMNS, t.movements, 'No movements.'),
  ], date1904);
}

/** 'in stock' for in_stock: a state as a coordinator says it. */
export const unitState = (state: string | null): string => (state === null ? '' : STATE[state] ?? state);
