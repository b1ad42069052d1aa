/**
 * A lot trace as a recall coordinator reads it, top to bottom: the lot, its expiry and whether
 * it is on hold; where it came from (supplier, PO, date, quantity) and what it was made from;
 * where it went (customer, order, date, quantity), what was made from it, and what came back;
 * what is still here; then every movement, for the record.
 */
import type { ReportSheet } from '../workbook/port';
import { counts, type CustomerExposure, type LotTraceAnswer, type Movement } from '../../shared/report-answers';
import type { LinkedLot } from '../../shared/recall-answers';
import { column, part, partsSheet, pulledAt } from './layout';
import { MOVEMENT_COLUMNS } from './movement-columns';

const sum = (xs: readonly number[]): number => Math.round(xs.reduce((a, b) => a + b, 0) * 1000) / 1000;

/**
 * The sheet of one lot's trace.
 * @example lotTraceSheet(answer, new Date(), false).name // 'Trace VAC-10 FLU-A'
 */
export function lotTraceSheet(t: LotTraceAnswer, now: Date, date1904: boolean): ReportSheet {
  const receipts = t.receipts.filter(counts);
  const shipments = t.shipments.filter(counts);
  const returns = t.returns.filter(counts);
  const of = (type: string) => sum(t.movements.filter((m) => m.type === type && counts(m)).map((m) => m.qty));
  const made = of('produce');
  const used = of('consume');
  // Produced and Consumed only for a lot a work order made or used: most lots never see one.
  const transformed = t.movements.some((m) => m.type === 'produce' || m.type === 'consume');
  const lot = {
    ...t.lot,
    made,
    used,
    received: sum(receipts.map((m) => m.qty)),
    shipped: sum(shipments.map((m) => m.qty)),
    returned: sum(returns.map((m) => m.qty)),
    onHand: sum(t.onHand.map((s) => s.qty)),
  };
  type Lot = typeof lot;
  return partsSheet(`Trace ${t.lot.sku} ${t.lot.lot}`, `Lot trace of ${t.lot.sku} lot ${t.lot.lot} · ${pulledAt(now)}`, [
    part<Lot>('The lot', [
      column('SKU', 'id', (l) => l.sku),
      column('Lot', 'id', (l) => l.lot),
      column('Expiry', 'date', (l) => l.expiry),
      column('First received', 'date', (l) => l.firstReceived),
      column('Received', 'number', (l) => l.received),
      ...(transformed ? [column<Lot>('Produced', 'number', (l) => l.made)] : []),
      column('Shipped', 'number', (l) => l.shipped),
      ...(transformed ? [column<Lot>('Consumed', 'number', (l) => l.used)] : []),
      column('Returned', 'number', (l) => l.returned),
      column('On hand', 'number', (l) => l.onHand),
      column('On hold', 'text', (l) => l.held),
    ], [lot], ''),
    part<Movement>('Where it came from', [
      column('Date', 'date', (m) => m.date),
      column('Supplier', 'text', (m) => m.party),
      column('PO', 'id', (m) => m.ref),
      column('Qty', 'number', (m) => m.qty),
      column('Received into', 'id', (m) => m.to),
      column('Note', 'text', (m) => m.note),
      column('Ledger batch', 'id', (m) => m.batchId),
    ], receipts, receipts.length === 0 && made > 0 ? 'Not received from a supplier: made here (see Made from).' : 'No receipts of this lot count: every one was voided.'),
    part('Made from', linkedColumns('Qty consumed'), t.madeFrom, 'Not made from other lots.'),
    part<Movement>('Where it went', [
      column('Date', 'date', (m) => m.date),
      column('Customer', 'text', (m) => m.party),
      column('Order', 'id', (m) => m.ref),
      column('Qty', 'number', (m) => m.qty),
      column('Shipped from', 'id', (m) => m.from),
      column('Note', 'text', (m) => m.note),
      column('Ledger batch', 'id', (m) => m.batchId),
    ], shipments, 'Never shipped.'),
    part('Used in', linkedColumns('Qty produced'), t.usedIn, 'Nothing was made from it.'),
    part<Movement>('Returns', [
      column('Date', 'date', (m) => m.date),
      column('Customer', 'text', (m) => m.party),
      column('RMA', 'id', (m) => m.ref),
      column('Qty', 'number', (m) => m.qty),
      column('Returned into', 'id', (m) => m.to),
      column('Note', 'text', (m) => m.note),
    ], returns, 'Nothing came back.'),
    // The server nets shipments against returns per customer; an answer without it skips the part.
    ...(t.customers ? [part<CustomerExposure>('Who still holds it', CUSTOMER_COLUMNS, t.customers, 'No customer holds any of it.')] : []),
    part<LotTraceAnswer['onHand'][number]>('What is still here', [
      column('Location', 'id', (s) => s.location),
      column('Qty', 'number', (s) => s.qty),
    ], t.onHand, 'None left in stock.'),
    part<Movement>('Every movement, voided ones and their reversals included', MOVEMENT_COLUMNS, t.movements, 'No movements.'),
  ], date1904);
}

/** Customers of a lot or a recall: who still holds how much, from which orders. */
export const CUSTOMER_COLUMNS = [
  column<CustomerExposure>('Customer', 'text', (c) => c.party),
  column<CustomerExposure>('Still held', 'number', (c) => c.qty),
  column<CustomerExposure>('Shipped', 'number', (c) => c.shipped),
  column<CustomerExposure>('Returned', 'number', (c) => c.returned),
  column<CustomerExposure>('Orders', 'text', (c) => c.refs.join('; ')),
  column<CustomerExposure>('Last shipped', 'date', (c) => c.lastShipped),
];

/** The lots on the other side of a work order: its inputs (Made from) or its outputs (Used in). */
const linkedColumns = (qty: string) => [
  column<LinkedLot>('SKU', 'id', (l) => l.sku),
  column<LinkedLot>('Lot', 'id', (l) => l.lot),
  column<LinkedLot>('Serial', 'id', (l) => l.serial),
  column<LinkedLot>(qty, 'number', (l) => l.qty),
  column<LinkedLot>('Work order', 'id', (l) => l.ref),
  column<LinkedLot>('Date', 'date', (l) => l.date),
];
