import { describe, expect, test } from 'vitest';
import { checkItemRows, checkLocationRows, yesNo } from './master';

const item = (over: Record<string, unknown> = {}) => ({ sku: 'VAC-10', name: 'Vaccine', lotTracked: true, serialTracked: false, ...over });

describe('item rows', () => {
  test('a good item is cleaned, unit defaults to each, GTIN is kept in 14 digits', () => {
    const r = checkItemRows([item({ sku: ' VAC-10\u00A0', gtin: '9506000134352', requiresExpiry: 'yes' })]);
    expect(r.problems).toEqual([]);
    expect(r.items).toEqual([{ sku: 'VAC-10', name: 'Vaccine', unit: 'each', lotTracked: true, serialTracked: false, requiresExpiry: true, gtin: '09506000134352', warrantyDays: null }]);
  });

  test('yes/no words, booleans and 1/0 are read as flags', () => {
    for (const [v, want] of [[true, true], ['Yes', true], ['y', true], ['TRUE', true], [1, true], ['1', true], ['x', true],
      [false, false], ['no', false], ['N', false], ['false', false], [0, false], ['0', false]] as const) expect(yesNo(v)).toBe(want);
    expect(yesNo('')).toBeUndefined();
    expect(yesNo(null)).toBeUndefined();
    expect(yesNo('maybe')).toBeNull();
    expect(yesNo(2)).toBeNull();
  });

  test('a missing sku, name or tracking flag is required', () => {
    const r = checkItemRows([{ sku: '', name: '' }]);
    expect(r.items).toEqual([]);
    expect(r.problems.map((p) => [p.field, p.code])).toEqual([
      ['sku', 'required'], ['name', 'required'], ['lotTracked', 'required'], ['serialTracked', 'required'],
    ]);
  });

  test('a flag that is no yes/no word is invalid', () => {
    const r = checkItemRows([item({ serialTracked: 'maybe' })]);
    expect(r.problems).toMatchObject([{ row: 0, field: 'serialTracked', code: 'invalid' }]);
    expect(r.problems[0].message).toContain('maybe');
  });

  test('a GTIN with a wrong check digit is gtin_check_digit; a GTIN of the wrong shape is invalid', () => {
    const r = checkItemRows([item({ gtin: '09506000134353' }), item({ sku: 'B', gtin: '12345' }), item({ sku: 'C', gtin: 'ABCDEFGH' })]);
    expect(r.problems.map((p) => [p.row, p.field, p.code])).toEqual([[0, 'gtin', 'gtin_check_digit'], [1, 'gtin', 'invalid'], [2, 'gtin', 'invalid']]);
  });

  test('a GTIN Excel turned into a number (leading zero lost) is still read', () => {
    expect(checkItemRows([item({ gtin: 9506000134352 })]).items[0].gtin).toBe('09506000134352');
  });

  test('the same sku or GTIN twice in one request is refused on the second row', () => {
    const r = checkItemRows([item({ gtin: '09506000134352' }), item(), item({ sku: 'OTHER', gtin: '9506000134352' })]);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([[1, 'sku'], [2, 'gtin']]);
    expect(r.items.map((i) => i.sku)).toEqual(['VAC-10']);
  });

  test('a sku with an inner space or over 64 characters is invalid', () => {
    const r = checkItemRows([item({ sku: 'VAC 10' }), item({ sku: 'X'.repeat(65) })]);
    expect(r.problems.map((p) => [p.row, p.field, p.code])).toEqual([[0, 'sku', 'invalid'], [1, 'sku', 'invalid']]);
    expect(r.problems[0].message).toBe('SKU VAC 10 has a space inside.');
  });

  test('requiring an expiry on an item without lots is refused, since expiry is kept per lot', () => {
    const r = checkItemRows([item({ lotTracked: false, requiresExpiry: true })]);
    expect(r.problems).toMatchObject([{ field: 'requiresExpiry', code: 'invalid' }]);
  });

  test('a row that is not an object is refused without throwing', () => {
    expect(checkItemRows([null, 'x', [1]]).problems).toHaveLength(3);
  });

  test('a name that is not text, or a unit too long, is invalid', () => {
    const r = checkItemRows([item({ name: { a: 1 } }), item({ sku: 'U', unit: 'x'.repeat(21) })]);
    expect(r.problems.map((p) => [p.row, p.field, p.code])).toEqual([[0, 'name', 'invalid'], [1, 'unit', 'invalid']]);
  });
});

describe('location rows', () => {
  test('codes are cleaned and names optional', () => {
    expect(checkLocationRows([{ code: ' WH1-A ', name: 'Aisle A' }, { code: 'RCV' }])).toEqual({
      locations: [{ code: 'WH1-A', name: 'Aisle A', quarantine: false }, { code: 'RCV', name: null, quarantine: false }], problems: [],
    });
  });

  test('a missing, spaced, too long or repeated code is refused', () => {
    const r = checkLocationRows([{ code: '' }, { code: 'WH 1' }, { code: 'L'.repeat(41) }, { code: 'A' }, { code: 'A' }, 7]);
    expect(r.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [0, 'code', 'required'], [1, 'code', 'invalid'], [2, 'code', 'invalid'], [4, 'code', 'invalid'], [5, 'code', 'invalid'],
    ]);
    expect(r.locations).toEqual([{ code: 'A', name: null, quarantine: false }]);
  });
});

describe('warranty and quarantine (issue 15)', () => {
  test('warrantyDays is a whole number of days, blank for none', () => {
    expect(checkItemRows([item({ warrantyDays: 365 }), item({ sku: 'B', warrantyDays: '30' }), item({ sku: 'C', warrantyDays: '' })]).items
      .map((i) => i.warrantyDays)).toEqual([365, 30, null]);
    const bad = checkItemRows([item({ warrantyDays: 1.5 }), item({ sku: 'B', warrantyDays: -1 }), item({ sku: 'C', warrantyDays: 'a year' })]);
    expect(bad.problems.map((p) => [p.row, p.field, p.code])).toEqual([[0, 'warrantyDays', 'invalid'], [1, 'warrantyDays', 'invalid'], [2, 'warrantyDays', 'invalid']]);
  });

  test('a location is a quarantine location when it says yes', () => {
    const r = checkLocationRows([{ code: 'Q', quarantine: true }, { code: 'R', quarantine: 'yes' }, { code: 'S' }, { code: 'T', quarantine: 'maybe' }]);
    expect(r.locations.map((l) => l.quarantine)).toEqual([true, true, false]);
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([[3, 'quarantine']]);
  });
});

describe('identifiers in the master data (issue 19)', () => {
  test('an item sku or location code is kept in NFC', () => {
    expect(checkItemRows([item({ sku: 'VAC-E\u0301' })]).items[0].sku).toBe('VAC-\u00C9');
    expect(checkLocationRows([{ code: 'WH-E\u0301' }]).locations[0].code).toBe('WH-\u00C9');
  });

  test('the same sku written composed and decomposed is one sku, given twice', () => {
    const r = checkItemRows([item({ sku: 'VAC-\u00C9' }), item({ sku: 'VAC-E\u0301' })]);
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/given twice/)]);
  });

  test('an invisible or direction-changing character in a sku or location code is refused by name', () => {
    expect(checkItemRows([item({ sku: 'VAC\u202E-10' })]).problems).toMatchObject([
      { field: 'sku', code: 'invalid', message: expect.stringMatching(/U\+202E RIGHT-TO-LEFT OVERRIDE/) }]);
    expect(checkLocationRows([{ code: 'WH\uFE0F1' }]).problems).toMatchObject([
      { field: 'code', code: 'invalid', message: expect.stringMatching(/U\+FE0F VARIATION SELECTOR-16/) }]);
  });
});
