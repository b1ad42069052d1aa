/** The receiving sheet a clerk starts from: the right headers, identifiers as Text, and lists to pick from. */
import type { Item, Location } from '../../shared/rows';
import type { SheetTemplate } from '../workbook/port';

export const RECEIVING_HEADERS = ['Date', 'PO #', 'Supplier', 'Item code', 'Lot #', 'Serial No.', 'Exp. date', 'Qty', 'Location', 'Note'];

/**
 * A receiving sheet: PO, item, lot, serial and location formatted as Text before anyone
 * pastes (so 000123 stays 000123), dates as dates, item codes and locations from lists.
 * @example receivingTemplate([], []).textColumns // [1, 3, 4, 5, 8]
 */
export function receivingTemplate(items: readonly Item[], locations: readonly Location[]): SheetTemplate {
  const col = (h: string) => RECEIVING_HEADERS.indexOf(h);
  return {
    name: 'Receiving',
    headers: RECEIVING_HEADERS,
    textColumns: ['PO #', 'Item code', 'Lot #', 'Serial No.', 'Location'].map(col),
    dateColumns: ['Date', 'Exp. date'].map(col),
    lists: [
      { col: col('Item code'), values: items.map((i) => i.sku) },
      { col: col('Location'), values: locations.map((l) => l.code) },
    ].filter((l) => l.values.length > 0),
  };
}

export const ORDER_HEADERS = ['Order', 'Customer', 'SKU', 'Qty'];

/**
 * An order sheet to make a pick list from: one row per order line, order and SKU as Text.
 * @example orderTemplate([]).textColumns // [0, 2]
 */
export function orderTemplate(items: readonly Item[]): SheetTemplate {
  return {
    name: 'Orders', headers: ORDER_HEADERS, textColumns: [0, 2], dateColumns: [],
    lists: items.length ? [{ col: 2, values: items.map((i) => i.sku) }] : [],
  };
}

export const SHIPMENT_HEADERS = ['Type', 'Date', 'Order', 'Customer', 'SKU', 'Lot', 'Serial', 'From', 'Qty', 'Scan'];

/** The shipment sheet a pick list's picked rows are posted from: everything but Qty as Text. */
export const shipmentTemplate = (): SheetTemplate => ({
  name: 'Shipment', headers: SHIPMENT_HEADERS, textColumns: [0, 1, 2, 3, 4, 5, 6, 7, 9], dateColumns: [], lists: [],
});
