/** A recall of one or many lots of an item: whom to call, what to pull off the shelves, which units. */
import type { ReportSheet } from '../workbook/port';
import type { RecallAnswer } from '../../shared/report-answers';
import type { Hold } from '../../shared/recall-answers';
import { column, part, partsSheet, pulledAt } from './layout';
import { CUSTOMER_COLUMNS } from './lot-trace';
import { unitState } from './serial-history';

type Lot = RecallAnswer['lots'][number] & { hold: Hold | null };

/**
 * The active hold on a lot of an item, if any (a hold on one unit does not hold the lot).
 * @example lotHold([{ sku: 'VAC-10', lot: 'A', serial: null, releasedAt: null, … }], 'VAC-10', 'A')?.lot // 'A'
 */
export function lotHold(holds: readonly Hold[], sku: string, lot: string): Hold | null {
  return holds.find((h) => h.sku === sku && h.lot === lot && h.serial === null && h.releasedAt === null) ?? null;
}

/**
 * "FLU-A, FLU-B and 3 more": the lots a title names, kept short.
 * @example lotList(['A', 'B', 'C', 'D', 'E', 'F', 'G']) // 'A, B, C, D, E and 2 more'
 */
export function lotList(lots: readonly string[], shown = 5): string {
  if (lots.length <= shown) return lots.join(', ');
  return `${lots.slice(0, shown).join(', ')} and ${lots.length - shown} more`;
}

/**
 * The sheet of a recall; `holds` are the item's active holds, so the sheet says which lots are held.
 * @example recallSheet(answer, 'VAC-10', ['FLU-A'], [], new Date(), false).name // 'Recall VAC-10 FLU-A'
 */
export function recallSheet(r: RecallAnswer, sku: string, lots: readonly string[], holds: readonly Hold[], now: Date, date1904: boolean): ReportSheet {
  const name = lots.length === 1 ? `Recall ${sku} ${lots[0]}` : `Recall ${sku} ${lots.length} lots`;
  const title = `Recall of ${sku} ${lots.length === 1 ? 'lot' : 'lots'} ${lotList(lots)} · ${pulledAt(now)}`;
  return partsSheet(name, title, [
    ...(r.lots ? [part<Lot>('The lots', [
      column('Lot', 'id', (l) => l.lot),
      column('Expiry', 'date', (l) => l.expiry),
      column('First received', 'date', (l) => l.firstReceived),
      column('On hold', 'text', (l) => l.hold !== null),
      column('Hold reason', 'text', (l) => l.hold?.reason),
      column('Held by', 'text', (l) => l.hold?.heldBy),
      column('Held since', 'date', (l) => l.hold?.heldAt),
    ], r.lots.map((l) => ({ ...l, hold: lotHold(holds, sku, l.lot) })), '')] : []),
    part('Who to call: customers who still hold it', CUSTOMER_COLUMNS, r.customers, 'Never shipped: no customer to call.'),
    part<RecallAnswer['onHand'][number]>('Still on our shelves: pull these', [
      column('Location', 'id', (s) => s.location),
      column('Lot', 'id', (s) => s.lot),
      column('Qty', 'number', (s) => s.qty),
    ], r.onHand, 'None left in stock.'),
    part<RecallAnswer['units'][number]>('Serial units of these lots', [
      column('Serial', 'id', (u) => u.serial),
      column('Lot', 'id', (u) => u.lot),
      column('State', 'text', (u) => unitState(u.state)),
      column('Location', 'id', (u) => u.location),
      column('Held by', 'text', (u) => u.party),
    ], r.units, 'No serial units.'),
  ], date1904);
}
