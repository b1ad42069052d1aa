import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { columnFor, detectHeader, headerKey, mapHeaders } from './columns';

const samples = path.resolve(import.meta.dirname, '../test/fixtures/samples');
const csvHeader = (name: string): string[] => readFileSync(path.join(samples, name), 'utf8').split(/\r?\n/)[0].split(',');

describe('column names', () => {
  it('reads the common ways of writing a header as one key', () => {
    expect(headerKey('Lot #')).toBe('lotno');
    expect(headerKey('Lot No.')).toBe('lotno');
    expect(headerKey('lot_number')).toBe('lotno');
    expect(headerKey('  S/N ')).toBe('sn');
  });

  it.each([
    ['Lot #', 'lot'], ['Batch No', 'lot'], ['S/N', 'serial'], ['Serial No.', 'serial'], ['Serial number', 'serial'],
    ['Exp. date', 'expiry'], ['Best before', 'expiry'], ['PO #', 'ref'], ['Qty', 'qty'], ['Quantity', 'qty'],
    ['Item code', 'sku'], ['SKU', 'sku'], ['Location', 'location'], ['GS1', 'gs1'], ['Barcode', 'gs1'],
    ['Scan', 'gs1'], ['Supplier', 'party'], ['Customer', 'party'], ['Note', 'note'], ['Notes', 'note'],
    ['Type', 'type'], ['Date', 'date'], ['From', 'from'], ['To location', 'to'], ['Status', 'status'], ['Work order', 'ref'], ['WO #', 'ref'],
  ])('a column headed "%s" is read as %s', (header, field) => {
    expect(columnFor('movements', header)).toBe(field);
  });

  it('leaves a description column unread', () => {
    expect(columnFor('movements', 'Description')).toBeNull();
    expect(columnFor('movements', 42)).toBeNull();
  });

  it('maps the headers of every sample receiving sheet', () => {
    expect(mapHeaders('movements', csvHeader('receiving-messy.csv')))
      .toEqual(['ref', 'sku', 'lot', 'expiry', 'qty', 'serial', 'location', 'note']);
    expect(mapHeaders('movements', csvHeader('receiving-packing-list.csv')))
      .toEqual(['ref', 'sku', null, 'lot', 'expiry', 'qty', 'serial', 'location']);
    expect(mapHeaders('movements', csvHeader('receiving-scans.csv'))).toEqual(['gs1', 'qty', 'location', 'ref']);
  });

  it('maps the item and location master sheets', () => {
    expect(mapHeaders('items', csvHeader('items.csv')))
      .toEqual(['sku', 'name', 'unit', 'lotTracked', 'serialTracked', 'requiresExpiry', 'gtin']);
    expect(mapHeaders('locations', csvHeader('locations.csv'))).toEqual(['code', 'name']);
    expect(mapHeaders('items', ['SKU', 'Warranty (days)'])).toEqual(['sku', 'warrantyDays']);
    expect(mapHeaders('locations', ['Code', 'Quarantine'])).toEqual(['code', 'quarantine']);
  });

  it('reads the description and trace columns of FSMA 204 records, and BOL as its own column', () => {
    expect(mapHeaders('items', ['Brand', 'Commodity', 'Variety', 'Pack size', 'Packaging style'])).toEqual(['brand', 'commodity', 'variety', 'packSize', 'packStyle']);
    expect(mapHeaders('locations', ['Location', 'Business name', 'GLN', 'Phone number', 'Street address', 'City', 'State', 'ZIP', 'Country']))
      .toEqual(['code', 'businessName', 'gln', 'phone', 'address', 'city', 'region', 'postalCode', 'country']);
    expect(mapHeaders('parties', ['Party', 'Type', 'FDA registration #', 'Tel', 'Province', 'Postcode']))
      .toEqual(['name', 'kind', 'ffrn', 'phone', 'region', 'postalCode']);
    expect(mapHeaders('movements', ['TLC source', 'TLC source ref', 'Ref type', 'BOL #', 'Bill of lading'])).toEqual(['tlcSource', 'tlcSourceRef', 'refType', 'bol', null]);
    // BOL is not a Ref synonym: a sheet with both a PO and a BOL column keeps both.
    expect(mapHeaders('movements', ['PO #', 'BOL'])).toEqual(['ref', 'bol']);
  });

  it('reads a field named twice from its first column only', () => {
    expect(mapHeaders('movements', ['Lot', 'Batch', 'Qty'])).toEqual(['lot', null, 'qty']);
  });
});

describe('finding the header row', () => {
  it('skips a title and blank rows above the header', () => {
    const rows = [['Receiving November', '', ''], ['', '', ''], ['PO #', 'Item code', 'Qty'], ['PO-1', 'VAC-10', 5]];
    expect(detectHeader('movements', rows)).toEqual({ row: 2, columns: ['ref', 'sku', 'qty'] });
  });

  it('finds no header in a block of data alone, so the pane asks instead of guessing', () => {
    expect(detectHeader('movements', [['PO-1', 'VAC-10', 5], ['PO-2', 'VAC-10', 6]])).toBeNull();
  });

  it('does not take a data row that happens to hold one known word for the header', () => {
    const rows = [['Scan', 'Qty', 'Location'], ['note', 'x', 'y']];
    expect(detectHeader('movements', rows)?.row).toBe(0);
  });

  it('accepts a one-column sheet of scans', () => {
    expect(detectHeader('movements', [['Barcode'], ['(01)09506000134352(10)A']])).toEqual({ row: 0, columns: ['gs1'] });
  });
});
