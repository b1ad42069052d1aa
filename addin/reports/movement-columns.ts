/** The columns of a movement list, the sortable record every report ends with. */
import type { Movement } from '../../shared/report-answers';
import { column, type Column } from './layout';

export const MOVEMENT_COLUMNS: Column<Movement>[] = [
  column('Date', 'date', (m) => m.date),
  column('Type', 'text', (m) => m.type),
  column('SKU', 'id', (m) => m.sku),
  column('Lot', 'id', (m) => m.lot),
  column('Serial', 'id', (m) => m.serial),
  column('Qty', 'number', (m) => m.qty),
  column('From', 'id', (m) => m.from),
  column('To', 'id', (m) => m.to),
  column('Party', 'text', (m) => m.party),
  column('Ref', 'id', (m) => m.ref),
  column('Note', 'text', (m) => m.note),
  // Not "Batch": that header would read as a lot column when the sheet is selected again.
  column('Ledger batch', 'id', (m) => m.batchId),
  column('Movement no.', 'id', (m) => m.id),
  column('Posted at', 'text', (m) => m.postedAt),
  column('Posted by', 'text', (m) => m.postedBy),
  column('Voided by', 'id', (m) => m.voidedBy),
  column('Reverses', 'id', (m) => m.reverses),
];
