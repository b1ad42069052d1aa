import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { problem } from '../../shared/problems';
import { checkItemRows, checkLocationRows } from '../../shared/master';
import type { CellValue } from '../workbook/port';
import { previewPort } from '../workbook/preview/port';
import { PreviewWorkbook } from '../workbook/preview/workbook';
import { PRODUCTION_HEADERS } from '../templates/sheet-templates';
import { cellOf, locateTable, masterRows, movementRows, widenHashedText, type Table } from './table';

const samples = path.resolve(import.meta.dirname, '../../test/fixtures/samples');
const csv = (name: string): CellValue[][] =>
  readFileSync(path.join(samples, name), 'utf8').trim().split(/\r?\n/).map((l) => l.split(',').map((c) => (/^-?\d+(\.\d+)?$/.test(c) && !/^0\d/.test(c) ? Number(c) : c)));

/** Pastes values into a preview sheet at A1 (or `at`), and reads them back as the pane would. */
async function sheet(values: CellValue[][], opts: { formats?: Record<string, string>; date1904?: boolean; at?: [number, number] } = {}) {
  const wb = new PreviewWorkbook();
  wb.date1904 = opts.date1904 ?? false;
  const [top, left] = opts.at ?? [0, 0];
  wb.setValues('Sheet1', top, left, values, { byUser: false });
  for (const [k, f] of Object.entries(opts.formats ?? {})) {
    const [r, c] = k.split(',').map(Number);
    wb.setFormat('Sheet1', r, c, f);
  }
  wb.select({ sheet: 'Sheet1', top, left, rows: 1, cols: 1 });
  const port = previewPort(wb);
  return port.read((await port.tableRegion())!);
}

const OPTS = { date1904: false, defaultType: 'receive' as const, today: '2026-11-24' };

describe('finding the table and reading its rows', () => {
  it('reads a BOL column as the ref of type BOL, unless a Ref column or a Ref type says otherwise; its problems point at it', async () => {
    const data = await sheet([['PO #', 'BOL', 'Ref type', 'Qty'], ['', 'B-1', '', 5], ['PO-2', 'B-2', '', 5], ['', 'B-3', 'ASN', 5]]);
    const table = locateTable('movements', data)!;
    const read = movementRows(data, table, OPTS);
    expect(read.rows.map((r) => [r.ref, r.refType])).toEqual([['B-1', 'BOL'], ['PO-2', null], ['B-3', 'ASN']]);
    const noRef = locateTable('movements', await sheet([['BOL', 'Qty'], ['B-1', 5]]))!;
    expect(cellOf(noRef, problem(0, 'ref', 'invalid', 'x'), [1])).toEqual({ row: 1, col: 0 });
  });

  it('finds the header below a title and puts the Status column right of the table', async () => {
    const data = await sheet([['Receiving week 47', ''], ['PO #', 'Qty'], ['PO-1', 5]], { at: [2, 1] });
    const table = locateTable('movements', data)!;
    expect(table).toMatchObject({ headerRow: 3, dataTop: 4, dataRows: 1, left: 1, statusCol: 3, columns: ['ref', 'qty'] });
  });

  it('reuses a Status column it wrote before instead of adding another', async () => {
    const data = await sheet([['PO #', 'Qty', 'Status'], ['PO-1', 5, 'OK']]);
    expect(locateTable('movements', data)!.statusCol).toBe(2);
  });

  it('reads the messy sample: receipts by default, dated today, Location as the place received into, the Note kept', async () => {
    const data = await sheet(csv('receiving-messy.csv'));
    const read = movementRows(data, locateTable('movements', data)!, OPTS);
    expect(read.rows).toHaveLength(13);
    expect(read.rows[0]).toEqual({
      type: 'receive', date: '2026-11-24', ref: 'PO-24020', sku: 'VAC-10', lot: 'FLU2612A', expiry: '2027-10-31', qty: 60, serial: null, to: 'COLD-1', note: 'fine',
    });
    expect(read.sheetRows).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(read.damage).toEqual([expect.objectContaining({ row: 12, field: 'expiry', code: 'invalid' })]);
  });

  it('reads a production sheet: the work order as ref, Location as the place an input leaves and an output goes into', async () => {
    const data = await sheet([
      PRODUCTION_HEADERS,
      ['2026-11-20', 'WO-7', 'consume', 'FLOUR', 'F1', '', '', 10, 'WH1-A', ''],
      ['2026-11-20', 'WO-7', 'produce', 'MIX-1', 'M1', '', '2027-05-31', 8, 'WH1-B', 'first mix'],
    ]);
    const read = movementRows(data, locateTable('movements', data)!, OPTS);
    expect(read.rows).toEqual([
      { date: '2026-11-20', ref: 'WO-7', type: 'consume', sku: 'FLOUR', lot: 'F1', serial: null, expiry: null, qty: 10, from: 'WH1-A', note: null },
      { date: '2026-11-20', ref: 'WO-7', type: 'produce', sku: 'MIX-1', lot: 'M1', serial: null, expiry: '2027-05-31', qty: 8, to: 'WH1-B', note: 'first mix' },
    ]);
  });

  it('reads identifiers from the displayed text, so zero-padded codes keep their zeros', async () => {
    const data = await sheet([['Item code', 'Serial No.', 'Qty'], ['PUMP-3', 1001, 1], ['PUMP-3', '001002', 1]], { formats: { '1,1': '000000' } });
    const read = movementRows(data, locateTable('movements', data)!, OPTS);
    expect(read.rows.map((r) => r.serial)).toEqual(['001001', '001002']);
    expect(read.damage).toEqual([]);
  });

  it('turns Excel date serials into days in both date systems, and reads 8-digit YYYYMMDD numbers', async () => {
    const rows: CellValue[][] = [['Date', 'Exp. date', 'Item code'], [46350, 20271031, 'X']];
    const d1900 = await sheet(rows, { formats: { '1,0': 'yyyy-mm-dd' } });
    expect(movementRows(d1900, locateTable('movements', d1900)!, OPTS).rows[0]).toMatchObject({ date: '2026-11-24', expiry: '20271031' });
    const d1904 = await sheet([rows[0], [46350 - 1462, 20271031, 'X']], { formats: { '1,0': 'yyyy-mm-dd' }, date1904: true });
    expect(movementRows(d1904, locateTable('movements', d1904)!, { ...OPTS, date1904: true }).rows[0].date).toBe('2026-11-24');
  });

  it('takes Location as the place stock leaves on a shipment', async () => {
    const data = await sheet([['Type', 'Item code', 'Location', 'Customer'], ['ship', 'GLV-M', 'WH1-A', 'Clinic'], ['receipt', 'GLV-M', 'RCV', '']]);
    const rows = movementRows(data, locateTable('movements', data)!, OPTS).rows;
    expect(rows[0]).toMatchObject({ type: 'ship', from: 'WH1-A', party: 'Clinic' });
    expect(rows[0].to).toBeUndefined();
    expect(rows[1]).toMatchObject({ type: 'receipt', to: 'RCV' });
  });

  it('skips blank rows and keeps track of which sheet row each row came from', async () => {
    const data = await sheet([['PO #', 'Qty'], ['PO-1', 1], ['', ''], ['PO-2', 2]]);
    const t = locateTable('movements', data)!;
    expect(t.dataRows).toBe(1); // the region around A1 ends at the blank row, as Excel's does
    const all = await sheet([['PO #', 'Qty', 'x'], ['PO-1', 1, ''], ['', '', 'note'], ['PO-2', 2, '']]);
    const read = movementRows(all, locateTable('movements', all)!, OPTS);
    expect(read.sheetRows).toEqual([1, 3]);
  });

  it('points a problem at its cell, at Location for from/to, at the scan for what a scan stands in for', () => {
    const table = { kind: 'movements', sheet: 'S', headerRow: 0, left: 2, headers: [], columns: ['gs1', 'qty', 'location'], dataTop: 1, dataRows: 3, statusCol: 5 } as unknown as Table;
    expect(cellOf(table, problem(1, 'to', 'unknown_location', 'x'), [1, 2, 3])).toEqual({ row: 2, col: 4 });
    expect(cellOf(table, problem(0, 'sku', 'unknown_item', 'x'), [1, 2, 3])).toEqual({ row: 1, col: 2 });
    expect(cellOf(table, problem(0, 'type', 'required', 'x'), [1, 2, 3])).toBeNull();
  });

  it('reads the item master sample, GTIN leading zero and all', async () => {
    const data = await sheet(csv('items.csv').map((r) => r.map((c, j) => (j === 6 && c !== '' ? String(c) : c))));
    const table = locateTable('items', data)!;
    const read = masterRows(data, table as Table<'items'>);
    expect(read.rows[0]).toEqual({ sku: 'VAC-10', name: 'Influenza vaccine 10 x 0.5 ml', unit: 'box', lotTracked: 'yes', serialTracked: 'no', requiresExpiry: 'yes', gtin: '09506000134352' });
  });

  it('reads an item\'s warranty days and a location\'s quarantine flag, which the master-data rules then take', async () => {
    const items = await sheet([['SKU', 'Name', 'Lot tracked', 'Serial tracked', 'Warranty (days)'], ['PUMP-3', 'Pump', 'no', 'yes', 365]]);
    const itemRows = masterRows(items, locateTable('items', items)! as Table<'items'>).rows;
    expect(checkItemRows(itemRows).items[0]).toMatchObject({ sku: 'PUMP-3', warrantyDays: 365 });
    const places = await sheet([['Code', 'Name', 'Quarantine'], ['QUAR', 'Quarantine cage', 'yes'], ['WH1-A', 'Aisle A', '']]);
    const placeRows = masterRows(places, locateTable('locations', places)! as Table<'locations'>).rows;
    expect(checkLocationRows(placeRows).locations.map((l) => [l.code, l.quarantine])).toEqual([['QUAR', true], ['WH1-A', false]]);
  });

  it('reads a number shown as ##### in a narrow column by its value, not by the hashes', () => {
    const data = { sheet: 'S', top: 0, left: 0, rows: 1, cols: 2, values: [[4711, 46350]], text: [['####', '########']], numberFormat: [['0', 'yyyy-mm-dd']] };
    expect(widenHashedText(data, false).text).toEqual([['4711', '2026-11-24']]);
  });

  it('catches a bin code that lost its leading zero, on the place the row names', async () => {
    const data = await sheet([['Type', 'Item code', 'Location'], ['ship', 'GLV-M', '0102'], ['ship', 'GLV-M', 103]]);
    const read = movementRows(data, locateTable('movements', data)!, OPTS);
    expect(read.damage).toEqual([expect.objectContaining({ row: 1, field: 'from', code: 'invalid' })]);
    expect(read.damage[0].message).toContain('looks like 0103');
  });
  it('a blank Type cell takes the pane\'s type, as a sheet without a Type column does', async () => {
    const data = await sheet([['Type', 'Item code', 'Lot #', 'Qty', 'Location'], ['', 'VAC-10', 'L1', 5, 'COLD-1'], ['ship', 'VAC-10', 'L1', 2, 'COLD-1']]);
    const read = movementRows(data, locateTable('movements', data)!, OPTS);
    expect(read.rows.map((r) => [r.type, r.to, r.from])).toEqual([['receive', 'COLD-1', undefined], ['ship', undefined, 'COLD-1']]);
  });
  it('names the lot and serial columns holding plain numbers, and warns of each such cell', async () => {
    const data = await sheet([['Item code', 'Lot #', 'Serial No.', 'Qty'], ['VAC-10', 4711, '', 5], ['PUMP-3', '', 123, 1], ['PUMP-3', '', 'P-1', 1]], { formats: { '3,2': '000000' } });
    const read = movementRows(data, locateTable('movements', data)!, OPTS);
    expect(read.numberColumns).toEqual([1, 2]);
    expect(read.damage.map((p) => [p.row, p.field, p.severity])).toEqual([[0, 'lot', 'warning'], [1, 'serial', 'warning']]);
    // Item and location sheets are master data, not labels: no warning there.
    const items = await sheet([['SKU', 'Name'], [1002, 'Gauze']]);
    expect(masterRows(items, locateTable('items', items)!).numberColumns).toEqual([]);
  });
});
