import { describe, expect, it } from 'vitest';
import { detectHeader } from '../../shared/columns';
import type { Item, Location } from '../../shared/rows';
import { previewPort } from '../workbook/preview/port';
import { PreviewWorkbook } from '../workbook/preview/workbook';
import { locateTable } from '../check/table';
import { addTemplateSheet } from './add-template';
import { TEMPLATE_KINDS, TEMPLATE_SHEET, templateLayout } from './sheet-templates';

const ITEMS = [{ sku: 'VAC-10' }, { sku: 'PUMP-3' }] as Item[];
const LOCATIONS = [{ code: 'COLD-1' }, { code: '0102' }] as Location[];

describe('templates for every sheet the pane reads', () => {
  it.each(TEMPLATE_KINDS)('%s: every header is one the pane maps without help', (kind) => {
    const { sheet } = templateLayout(kind, ITEMS, LOCATIONS);
    const found = detectHeader(TEMPLATE_SHEET[kind].kind, [[sheet.hint], sheet.headers]);
    expect(found?.row).toBe(1);
    expect(found?.columns.every((c) => c !== null)).toBe(true);
  });

  it('formats identifier columns as Text and date columns as dates', () => {
    const text = (kind: (typeof TEMPLATE_KINDS)[number]) => {
      const { sheet } = templateLayout(kind, [], []);
      return sheet.textColumns.map((c) => sheet.headers[c]);
    };
    expect(text('receiving')).toEqual(['PO #', 'Item code', 'Lot #', 'Serial No.', 'Location', 'Scan', 'TLC source ref']);
    expect(text('transfers')).toEqual(['Item code', 'Lot #', 'Serial No.', 'From', 'To']);
    expect(text('items')).toEqual(['SKU', 'GTIN']);
    expect(text('locations')).toEqual(['Code', 'GLN', 'Phone', 'ZIP code']);
    expect(text('parties')).toEqual(['FFRN', 'GLN', 'Phone', 'ZIP code']);
    const { sheet } = templateLayout('receiving', [], []);
    expect(sheet.dateColumns.map((c) => sheet.headers[c])).toEqual(['Date', 'Exp. date']);
  });

  it('offers lists for the type, the items and the locations (lists with nothing to offer are left out)', () => {
    const named = (kind: (typeof TEMPLATE_KINDS)[number], items: Item[], locations: Location[]) => {
      const t = templateLayout(kind, items, locations);
      return Object.fromEntries(t.lists.map((l) => [t.sheet.headers[l.col], l.values]));
    };
    expect(named('shipping', ITEMS, LOCATIONS)).toEqual({ Type: ['ship', 'scrap'], 'Item code': ['VAC-10', 'PUMP-3'], Location: ['COLD-1', '0102'] });
    expect(named('transfers', [], LOCATIONS)).toEqual({ Type: ['transfer'], From: ['COLD-1', '0102'], To: ['COLD-1', '0102'] });
    expect(named('receiving', [], [])).toEqual({ Type: ['receive', 'return'] });
    expect(named('items', [], [])).toEqual({ 'Lot tracked': ['yes', 'no'], 'Serial tracked': ['yes', 'no'], 'Requires expiry': ['yes', 'no'] });
    expect(named('parties', [], [])).toEqual({ Kind: ['supplier', 'customer', 'both'] });
  });

  it('maps the description columns of items, locations and parties, and the trace columns of receiving, to their API fields', () => {
    const fields = (kind: (typeof TEMPLATE_KINDS)[number]) => {
      const { sheet } = templateLayout(kind, [], []);
      return detectHeader(TEMPLATE_SHEET[kind].kind, [sheet.headers])!.columns;
    };
    expect(fields('items').slice(7)).toEqual(['brand', 'commodity', 'variety', 'packSize', 'packStyle']);
    expect(fields('locations')).toEqual(['code', 'name', 'businessName', 'gln', 'phone', 'address', 'city', 'region', 'postalCode', 'country']);
    expect(fields('parties')).toEqual(['name', 'kind', 'ffrn', 'gln', 'phone', 'address', 'city', 'region', 'postalCode', 'country']);
    expect(fields('receiving').slice(10, 14)).toEqual(['gs1', 'tlcSource', 'tlcSourceRef', 'refType']);
  });

  it('lays the sheet out in the workbook: hint, header, Text columns, lists below the header; the pane finds the table', async () => {
    const wb = new PreviewWorkbook();
    const port = previewPort(wb);
    const name = await addTemplateSheet(port, templateLayout('transfers', ITEMS, LOCATIONS));
    expect(name).toBe('Transfers');
    expect(wb.text(name, 0, 0)).toMatch(/^Transfers: /);
    expect(wb.formatOf(name, 50, 6)).toBe('@');
    expect(wb.sheet(name).lists.get(6)).toEqual({ top: 2, values: ['COLD-1', '0102'] });
    expect(wb.selection).toMatchObject({ sheet: name, top: 2, left: 0 });
    wb.setValues(name, 2, 0, [['', '', 'VAC-10', 'L1', '', 5, 'COLD-1', '0102']], { byUser: true, asTyped: true });
    const data = await port.read((await port.tableRegion())!);
    const table = locateTable('movements', data)!;
    expect([table.headerRow, table.dataTop, table.dataRows]).toEqual([1, 2, 1]);
  });
});
