/** The sheets of picking: the order sheet a pick list is made from, and the shipment sheet its picks are posted from. */
import type { Item } from '../../shared/rows';
import type { SheetTemplate } from '../workbook/port';
import type { TemplateLayout } from './sheet-templates';

export const ORDER_HEADERS = ['Order', 'Customer', 'SKU', 'Qty'];

/**
 * An order sheet to make a pick list from: one row per order line, order and SKU as Text, SKUs
 * offered from the item master.
 * @example orderLayout([]).sheet.textColumns // [0, 2]
 */
export function orderLayout(items: readonly Item[]): TemplateLayout {
  return {
    sheet: {
      name: 'Orders', hint: 'Orders: one order line a row (Order, Customer, SKU, Qty); then press Make pick list with a cell of it selected.',
      headers: ORDER_HEADERS, textColumns: [0, 2], dateColumns: [],
    },
    lists: items.length ? [{ col: 2, values: items.map((i) => i.sku) }] : [],
  };
}

export const SHIPMENT_HEADERS = ['Type', 'Date', 'Order', 'Customer', 'SKU', 'Lot', 'Serial', 'From', 'Qty', 'Scan'];

/** The shipment sheet a pick list's picked rows are posted from: everything but Qty as Text. */
export const shipmentTemplate = (): SheetTemplate => ({
  name: 'Shipment', hint: 'Shipment: the picked rows of a pick list, posted as ship rows (party the customer, ref the order).',
  headers: SHIPMENT_HEADERS, textColumns: [0, 1, 2, 3, 4, 5, 6, 7, 9], dateColumns: [],
});
