/** The sheets a clerk starts from: the right headers, identifiers as Text, and lists to pick from. */
import type { Item, Location } from '../../shared/rows';
import type { SheetTemplate } from '../workbook/port';

export const RECEIVING_HEADERS = ['Date', 'PO #', 'Supplier', 'Item code', 'Lot #', 'Serial No.', 'Exp. date', 'Qty', 'Location', 'Note'];

/** A work order's sheet: its inputs (consume, from a location) and outputs (produce, into one), one row each. */
export const PRODUCTION_HEADERS = ['Date', 'Work order', 'Type', 'Item code', 'Lot #', 'Serial No.', 'Exp. date', 'Qty', 'Location', 'Note'];

/** The identifier columns every template formats as Text (so 000123 stays 000123). */
const TEXT_HEADERS = ['PO #', 'Work order', 'Item code', 'Lot #', 'Serial No.', 'Location'];

function template(name: string, headers: string[], items: readonly Item[], locations: readonly Location[], lists: Record<string, string[]> = {}): SheetTemplate {
  const col = (h: string) => headers.indexOf(h);
  return {
    name,
    headers,
    textColumns: TEXT_HEADERS.map(col).filter((c) => c >= 0),
    dateColumns: ['Date', 'Exp. date'].map(col),
    lists: [
      ...Object.entries(lists).map(([h, values]) => ({ col: col(h), values })),
      { col: col('Item code'), values: items.map((i) => i.sku) },
      { col: col('Location'), values: locations.map((l) => l.code) },
    ].filter((l) => l.values.length > 0),
  };
}

/**
 * A receiving sheet: PO, item, lot, serial and location formatted as Text before anyone
 * pastes, dates as dates, item codes and locations from lists.
 * @example receivingTemplate([], []).textColumns // [1, 3, 4, 5, 8]
 */
export function receivingTemplate(items: readonly Item[], locations: readonly Location[]): SheetTemplate {
  return template('Receiving', RECEIVING_HEADERS, items, locations);
}

/**
 * A production sheet: one work order's consume rows (the input lots, taken from Location) and
 * produce rows (the output lots with their expiry, put into Location). The ledger ties them by
 * the work order, so every output is traced back to every input.
 * @example productionTemplate([], []).lists // [{ col: 2, values: ['consume', 'produce'] }]
 */
export function productionTemplate(items: readonly Item[], locations: readonly Location[]): SheetTemplate {
  return template('Production', PRODUCTION_HEADERS, items, locations, { Type: ['consume', 'produce'] });
}
