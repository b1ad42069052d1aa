/**
 * The pick-list sheet: what could not be picked at the top, then one row per pick in walking
 * order (by location), with a Scan column for the picker's scanner and a Picked column.
 */
import type { PickListAnswer, PickListLine } from '../../shared/pick-answers';
import type { ReportSheet } from '../workbook/port';
import { column, part, partsSheet, pulledAt } from './layout';

interface PickRecord { order: string; customer: string; sku: string; lot: string | null; serial: string | null; location: string; qty: number; expiry: string | null }
interface ShortRecord { order: string; customer: string; sku: string; qty: number; short: number }

export const PICKS_HEADING = 'Picks, in walking order';
export const SHORT_HEADING = 'Short: not enough stock to pick';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Picks by location (the walk), then item, then order line and first expiry first as allocated. */
export function walkingOrder(answer: PickListAnswer, lines: readonly PickListLine[]): PickRecord[] {
  const picks = answer.lines.flatMap((l) => l.picks.map((p, n) => ({
    order: lines[l.line]?.ref ?? '', customer: lines[l.line]?.party ?? '', sku: l.sku, ...p, n, line: l.line,
  })));
  picks.sort((a, b) => cmp(a.location, b.location) || cmp(a.sku, b.sku) || a.line - b.line || a.n - b.n);
  return picks.map(({ order, customer, sku, lot, serial, location, qty, expiry }) => ({ order, customer, sku, lot, serial, location, qty, expiry }));
}

/** @example pickListSheet({ lines: [] }, [], new Date(), false).name // 'Pick list' */
export function pickListSheet(answer: PickListAnswer, lines: readonly PickListLine[], now: Date, date1904: boolean): ReportSheet {
  const shorts: ShortRecord[] = answer.lines.filter((l) => l.short > 0)
    .map((l) => ({ order: lines[l.line]?.ref ?? '', customer: lines[l.line]?.party ?? '', sku: l.sku, qty: l.qty, short: l.short }));
  const picks = walkingOrder(answer, lines);
  return partsSheet('Pick list', `Pick list of ${lines.length} order ${lines.length === 1 ? 'line' : 'lines'}, first expiry first out · ${pulledAt(now)}`, [
    part(SHORT_HEADING, [
      column<ShortRecord>('Order', 'id', (s) => s.order),
      column<ShortRecord>('Customer', 'text', (s) => s.customer),
      column<ShortRecord>('SKU', 'id', (s) => s.sku),
      column<ShortRecord>('Ordered', 'number', (s) => s.qty),
      column<ShortRecord>('Short', 'number', (s) => s.short),
    ], shorts, 'Nothing short: every line can be picked in full.'),
    part(PICKS_HEADING, [
      column<PickRecord>('Order', 'id', (p) => p.order),
      column<PickRecord>('Customer', 'text', (p) => p.customer),
      column<PickRecord>('SKU', 'id', (p) => p.sku),
      column<PickRecord>('Lot', 'id', (p) => p.lot),
      column<PickRecord>('Serial', 'id', (p) => p.serial),
      column<PickRecord>('Location', 'id', (p) => p.location),
      column<PickRecord>('Qty', 'number', (p) => p.qty),
      column<PickRecord>('Expiry', 'date', (p) => p.expiry),
      column<PickRecord>('Scan', 'id', () => ''),
      column<PickRecord>('Picked', 'number', () => ''),
    ], picks, 'Nothing to pick.'),
  ], date1904);
}
