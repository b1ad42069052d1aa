import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkItemRows, checkLocationRows } from './master';
import { checkRowsFields, masterData } from './rules';
import type { RawRow, RowField } from './rows';

// The sample sheets in test/fixtures/samples, read as the pane would map them.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sample = (name: string): Record<string, string>[] => {
  const [header, ...lines] = readFileSync(path.resolve(repoRoot, 'test/fixtures/samples', name), 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
};
const mapped = (rows: Record<string, string>[], columns: Record<string, RowField>): RawRow[] =>
  rows.map((r) => Object.fromEntries(Object.entries(columns).map(([header, field]) => [field, r[header] ?? null])));

const items = checkItemRows(sample('items.csv').map((r) => ({
  sku: r.SKU, name: r.Name, unit: r.Unit, lotTracked: r['Lot tracked'], serialTracked: r['Serial tracked'],
  requiresExpiry: r['Requires expiry'], gtin: r.GTIN,
})));
const locations = checkLocationRows(sample('locations.csv').map((r) => ({ code: r.Code, name: r.Name })));
const master = masterData(items.items, locations.locations);
const opts = { today: '2026-11-24', defaultDate: '2026-11-24', defaultType: 'receive' as const };
const receivingColumns: Record<string, RowField> = { 'PO #': 'ref', 'Item code': 'sku', 'Lot #': 'lot', 'Exp. date': 'expiry', Qty: 'qty', 'S/N': 'serial', Location: 'to' };

describe('the sample sheets', () => {
  test('the item master and locations load without a problem', () => {
    expect(items.problems).toEqual([]);
    expect(items.items).toHaveLength(5);
    expect(items.items.find((i) => i.sku === 'VAC-10')).toMatchObject({ lotTracked: true, requiresExpiry: true, gtin: '09506000134352' });
    expect(locations.problems).toEqual([]);
    expect(locations.locations.map((l) => l.code)).toEqual(['RCV', 'WH1-A', 'WH1-B', 'COLD-1', 'QUAR']);
  });

  test('every row of the clean packing list passes', () => {
    const r = checkRowsFields(mapped(sample('receiving-packing-list.csv'), receivingColumns), master, opts);
    expect(r.problems).toEqual([]);
    expect(r.rows.every((row) => row !== null)).toBe(true);
    expect(r.rows[3]).toMatchObject({ sku: 'PUMP-3', serial: 'P3-000981', qtyMilli: 1000, to: 'WH1-B', ref: 'PO-24018' });
  });

  test('the messy sheet: each field mistake named in its Note is caught on its own row; ledger mistakes pass the field rules', () => {
    const sheet = sample('receiving-messy.csv');
    const r = checkRowsFields(mapped(sheet, receivingColumns), master, opts);
    const byNote = sheet.map((s, i) => [s.Note, r.problems.filter((p) => p.row === i).map((p) => `${p.field}:${p.code}`)]);
    expect(byNote).toEqual([
      ['fine', []],
      ['lot missing', ['lot:required']],
      ['same lot with another expiry', []], // expiry_conflict is a ledger rule
      ['expiry missing on an item that requires it', ['expiry:required']],
      ['serial item with quantity 2', ['qty:qty_must_be_one']],
      ['fine', []],
      ['same serial twice', []], // duplicate_serial is a ledger rule
      ['space inside the serial', ['serial:invalid']],
      ['unknown item', ['sku:unknown_item']],
      ['negative quantity', ['qty:invalid']],
      ['unknown location', ['to:unknown_location']],
      ['PO missing', ['ref:required']],
      ['no such date', ['expiry:invalid']],
    ]);
  });

  test('the scans: bracketed and raw ]d2 scans give item, lot and expiry; a bad GTIN check digit is caught', () => {
    const r = checkRowsFields(mapped(sample('receiving-scans.csv'), { Scan: 'gs1', Qty: 'qty', Location: 'to', 'PO #': 'ref' }), master, opts);
    expect(r.rows[0]).toMatchObject({ sku: 'VAC-10', lot: 'FLU2612C', expiry: '2027-10-31', qtyMilli: 30000, to: 'COLD-1', ref: 'PO-24023' });
    expect(r.rows[1]).toMatchObject({ sku: 'VAC-10', lot: 'FLU2612D', expiry: '2027-11-30', qtyMilli: 25000 });
    expect(r.rows[2]).toBeNull();
    expect(r.problems).toMatchObject([{ row: 2, field: 'gs1', code: 'gtin_check_digit', severity: 'error' }]);
  });
});
