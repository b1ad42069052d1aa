/** A recall of one or many lots of an item: whom to call, what to pull off the shelves, which units. */
import type { ReportSheet } from '../workbook/port';
import type { RecallAnswer, RecallCustomer } from '../../shared/report-answers';
import type { DerivedLot, Hold } from '../../shared/recall-answers';
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
 * The sheet of a recall, reaching every lot made from the recalled ones; `holds` are the active
 * holds of the items on it, so the sheet says which lots are held.
 * @example recallSheet(answer, 'VAC-10', ['FLU-A'], [], new Date(), false).name // 'Recall VAC-10 FLU-A'
 */
export function recallSheet(r: RecallAnswer, sku: string, lots: readonly string[], holds: readonly Hold[], now: Date, date1904: boolean): ReportSheet {
  const name = lots.length === 1 ? `Recall ${sku} ${lots[0]}` : `Recall ${sku} ${lots.length} lots`;
  const title = `Recall of ${sku} ${lots.length === 1 ? 'lot' : 'lots'} ${lotList(lots)} · ${pulledAt(now)}`;
  const held = (lotSku: string, lot: string | null) => lot !== null && lotHold(holds, lotSku, lot) !== null;
  return partsSheet(name, title, [
    // The item on every row: selecting these lots later asks for this recall again (to release it, say).
    ...(r.lots ? [part<Lot>('The lots', [
      column('SKU', 'id', () => sku),
      column('Lot', 'id', (l) => l.lot),
      column('Expiry', 'date', (l) => l.expiry),
      column('First received', 'date', (l) => l.firstReceived),
      column('On hold', 'text', (l) => l.hold !== null),
      column('Hold reason', 'text', (l) => l.hold?.reason),
      column('Hold placed by', 'text', (l) => l.hold?.heldBy),
      column('Held since', 'date', (l) => l.hold?.heldAt),
    ], r.lots.map((l) => ({ ...l, hold: lotHold(holds, sku, l.lot) })), '')] : []),
    part<DerivedLot>('Made from these lots, to any depth: recall these too', [
      column('SKU', 'id', (d) => d.sku),
      column('Lot', 'id', (d) => d.lot),
      column('Depth', 'number', (d) => d.depth),
      column('Made by work order', 'id', (d) => d.via),
      column('On hold', 'text', (d) => held(d.sku, d.lot)),
    ], r.derived, 'Nothing was made from these lots.'),
    part(r.derived.length ? 'Who to call: customers who still hold them or what was made from them' : 'Who to call: customers who still hold it',
      RECALL_CUSTOMER_COLUMNS, r.customers, 'Never shipped: no customer to call.'),
    part<RecallAnswer['onHand'][number]>('Still on our shelves: pull these', [
      column('SKU', 'id', (s) => s.sku),
      column('Location', 'id', (s) => s.location),
      column('Lot', 'id', (s) => s.lot),
      column('Qty', 'number', (s) => s.qty),
      column('On hold', 'text', (s) => s.held),
    ], r.onHand, 'None left in stock.'),
    part<RecallAnswer['units'][number]>('Serial units of these lots', [
      column('SKU', 'id', (u) => u.sku),
      column('Serial', 'id', (u) => u.serial),
      column('Lot', 'id', (u) => u.lot),
      column('State', 'text', (u) => unitState(u.state)),
      column('Location', 'id', (u) => u.location),
      column('Held by', 'text', (u) => u.party),
      column('On hold', 'text', (u) => u.held),
    ], r.units, 'No serial units.'),
  ], date1904);
}

/** A recall's customers: who to call, and what each still holds of which lot (recalled or made from one). */
const RECALL_CUSTOMER_COLUMNS = [
  ...CUSTOMER_COLUMNS,
  column<RecallCustomer>('Lots they hold', 'text', (c) => c.lots.filter((l) => l.qty !== 0).map((l) => `${l.sku} ${l.lot}: ${l.qty}`).join('; ')),
];
