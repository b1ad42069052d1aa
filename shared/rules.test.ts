import { describe, expect, test } from 'vitest';
import type { Item, RawRow } from './rows';
import { checkRowFields, checkRowsFields, masterData } from './rules';

const items: Item[] = [
  { sku: 'VAC-10', name: 'Vaccine', unit: 'box', lotTracked: true, serialTracked: false, requiresExpiry: true, gtin: '09506000134352' },
  { sku: 'SAL-500', name: 'Saline', unit: 'bag', lotTracked: true, serialTracked: false, requiresExpiry: true, gtin: null },
  { sku: 'PUMP-3', name: 'Pump', unit: 'each', lotTracked: false, serialTracked: true, requiresExpiry: false, gtin: '4006381333931' },
  { sku: 'IMP-7', name: 'Implant', unit: 'each', lotTracked: true, serialTracked: true, requiresExpiry: true, gtin: null },
  { sku: 'GLV-M', name: 'Gloves', unit: 'box', lotTracked: false, serialTracked: false, requiresExpiry: false, gtin: null },
];
const master = masterData(items, ['RCV', 'WH1-A', 'WH1-B', 'COLD-1', 'QUAR'].map((code) => ({ code, name: null })));
const today = '2026-11-24';

const receive: RawRow = { type: 'receive', date: '2026-11-20', sku: 'GLV-M', qty: 12, to: 'WH1-A', ref: 'PO-1' };
const check = (over: RawRow, base: RawRow = receive) => checkRowFields({ ...base, ...over }, 3, master, { today });
const codes = (over: RawRow, base?: RawRow) => check(over, base).problems.map((p) => `${p.field}:${p.code}${p.severity === 'warning' ? '(warning)' : ''}`);

describe('a good row', () => {
  test('comes out cleaned and typed, quantity in thousandths', () => {
    expect(check({ sku: ' GLV-M ', qty: '12.5', party: ' Acme ', note: 'ok' })).toEqual({
      row: { type: 'receive', date: '2026-11-20', sku: 'GLV-M', lot: null, serial: null, expiry: null, qtyMilli: 12500,
        from: null, to: 'WH1-A', party: 'Acme', ref: 'PO-1', note: 'ok' },
      problems: [],
    });
  });

  test('problems carry the row index they were given', () => {
    const r = checkRowsFields([receive, { ...receive, qty: 0 }, receive], master, { today });
    expect(r.rows.map((x) => x === null)).toEqual([false, true, false]);
    expect(r.problems).toMatchObject([{ row: 1, field: 'qty', code: 'invalid', severity: 'error' }]);
  });
});

describe('type', () => {
  test('a common word maps to its type', () => {
    expect(check({ type: 'Receipt' }).row?.type).toBe('receive');
  });
  test('a sheet-wide type stands in for a blank one', () => {
    expect(checkRowFields({ ...receive, type: '' }, 0, master, { today, defaultType: 'receive' }).row?.type).toBe('receive');
  });
  test('no type and no sheet-wide type is required', () => {
    expect(codes({ type: null })).toEqual(['type:required']);
  });
  test('an unknown word is invalid, and the message lists the eight types', () => {
    const r = check({ type: 'recieve' });
    expect(r.problems).toMatchObject([{ field: 'type', code: 'invalid' }]);
    expect(r.problems[0].message).toBe('Type "recieve" is not known; use one of receive, transfer, ship, return, scrap, adjust, consume, produce.');
  });
});

describe('date', () => {
  test('tomorrow is allowed, the day after is date_in_future', () => {
    expect(codes({ date: '2026-11-25' })).toEqual([]);
    expect(codes({ date: '2026-11-26' })).toEqual(['date:date_in_future']);
  });
  test('a day that does not exist is invalid', () => {
    expect(codes({ date: '2026-02-30' })).toEqual(['date:invalid']);
  });
  test('before 2000 is invalid; 2000-01-01 is fine', () => {
    expect(codes({ date: '1999-12-31' })).toEqual(['date:invalid']);
    expect(codes({ date: '2000-01-01' })).toEqual([]);
  });
  test('a number is not a date on the wire', () => {
    expect(codes({ date: 46346 })).toEqual(['date:invalid']);
  });
  test('a missing date is required', () => {
    expect(codes({ date: '' })).toEqual(['date:required']);
  });
});

describe('sku', () => {
  test('missing is required', () => {
    expect(codes({ sku: null })).toEqual(['sku:required']);
  });
  test('not in the master is unknown_item; a case slip gets a hint', () => {
    expect(codes({ sku: 'PUMP-9' })).toEqual(['sku:unknown_item']);
    expect(check({ sku: 'glv-m' }).problems[0].message).toBe('SKU glv-m is not in the item master; did you mean GLV-M?');
  });
});

describe('lot and serial', () => {
  const lotRow: RawRow = { ...receive, sku: 'VAC-10', lot: 'FLU1', expiry: '2027-10-31', to: 'COLD-1' };
  test('a lot-tracked item needs a lot', () => {
    const r = check({ lot: '' }, lotRow);
    expect(r.problems).toMatchObject([{ field: 'lot', code: 'required' }]);
    expect(r.problems[0].message).toBe('Lot is required for VAC-10, which is lot-tracked.');
  });
  test('NBSP, zero-width and control characters at the edges are stripped', () => {
    expect(check({ lot: '\u00A0FLU1\u200B\r\n' }, lotRow).row?.lot).toBe('FLU1');
  });
  test('a space inside is invalid and the message says how to fix it', () => {
    const r = check({ sku: 'PUMP-3', serial: 'SN 88', qty: 1, lot: null, expiry: null });
    expect(r.problems).toMatchObject([{ field: 'serial', code: 'invalid' }]);
    expect(r.problems[0].message).toBe('Serial SN 88 has a space inside; remove it or check the scan.');
  });
  test('a control character inside is invalid', () => {
    expect(codes({ lot: 'FL\u0007U1' }, lotRow)).toEqual(['lot:invalid']);
  });
  test('40 characters are fine, 41 are invalid', () => {
    expect(codes({ lot: 'L'.repeat(40) }, lotRow)).toEqual([]);
    expect(codes({ lot: 'L'.repeat(41) }, lotRow)).toEqual(['lot:invalid']);
  });
  test('a serial-tracked item needs a serial, and a blank quantity means one', () => {
    expect(codes({ sku: 'PUMP-3', qty: null })).toEqual(['serial:required']);
    expect(check({ sku: 'PUMP-3', serial: 'P3-1', qty: null }).row?.qtyMilli).toBe(1000);
    expect(check({ sku: 'PUMP-3', serial: 'P3-1', qty: '1' }).row?.qtyMilli).toBe(1000);
  });
  test('a serial-tracked row with a quantity other than 1 is qty_must_be_one', () => {
    expect(codes({ sku: 'PUMP-3', serial: 'P3-1', qty: 2 })).toEqual(['qty:qty_must_be_one']);
    expect(codes({ sku: 'PUMP-3', serial: 'P3-1', qty: 0.5 })).toEqual(['qty:qty_must_be_one']);
  });
  test('an item tracked both ways needs both', () => {
    expect(codes({ sku: 'IMP-7', qty: 1, expiry: '2031-12-31' })).toEqual(['lot:required', 'serial:required']);
  });
  test('a lot or serial on an untracked item is a not_tracked warning and is not kept', () => {
    const r = check({ lot: 'L1', serial: 'S1' });
    expect(r.problems.map((p) => `${p.field}:${p.code}:${p.severity}`)).toEqual(['lot:not_tracked:warning', 'serial:not_tracked:warning']);
    expect(r.row).toMatchObject({ lot: null, serial: null, qtyMilli: 12000 });
  });
  test('a serial on a lot-only item is a not_tracked warning too', () => {
    const r = check({ serial: 'S1' }, lotRow);
    expect(r.problems).toMatchObject([{ field: 'serial', code: 'not_tracked', severity: 'warning' }]);
    expect(r.row?.serial).toBeNull();
  });
});

describe('expiry', () => {
  const lotRow: RawRow = { ...receive, sku: 'VAC-10', lot: 'FLU1', expiry: '2027-10-31', to: 'COLD-1' };
  test('required on receipt of an item that requires it, not on other types', () => {
    expect(codes({ expiry: null }, lotRow)).toEqual(['expiry:required']);
    expect(codes({ type: 'transfer', expiry: null, from: 'COLD-1', to: 'WH1-A', ref: null }, lotRow)).toEqual([]);
  });
  test('a day that does not exist is invalid', () => {
    expect(codes({ expiry: '2027-02-30' }, lotRow)).toEqual(['expiry:invalid']);
  });
  test('before the receiving date is an expired warning, and the row still passes', () => {
    const r = check({ expiry: '2026-11-19' }, lotRow);
    expect(r.problems).toMatchObject([{ field: 'expiry', code: 'expired', severity: 'warning' }]);
    expect(r.row?.expiry).toBe('2026-11-19');
    expect(codes({ expiry: '2026-11-20' }, lotRow)).toEqual([]);
  });
});

describe('quantity', () => {
  test.each([[0], [-5], ['1.0001'], [1e9 + 1], ['1,200'], ['abc'], [Number.NaN]])('%j is invalid', (qty) => {
    expect(codes({ qty })).toEqual(['qty:invalid']);
  });
  test('3 decimals and exactly 1e9 are fine, stored exactly', () => {
    expect(check({ qty: 4.35 }).row?.qtyMilli).toBe(4350);
    expect(check({ qty: '0.001' }).row?.qtyMilli).toBe(1);
    expect(check({ qty: 1e9 }).row?.qtyMilli).toBe(1e12);
  });
  test('missing is required unless the item is serial-tracked', () => {
    expect(codes({ qty: null })).toEqual(['qty:required']);
    expect(codes({ qty: ' ' })).toEqual(['qty:required']);
  });
});

describe('places, party and ref by type', () => {
  test('a receipt needs To and the PO number in Ref', () => {
    expect(codes({ to: null })).toEqual(['to:required']);
    expect(codes({ ref: '' })).toEqual(['ref:required']);
  });
  test('a receipt ignores From, keeps the supplier', () => {
    expect(check({ from: 'NOWHERE', party: 'Acme' }).row).toMatchObject({ from: null, party: 'Acme' });
  });
  const transfer: RawRow = { type: 'transfer', date: '2026-11-20', sku: 'GLV-M', qty: 5, from: 'WH1-A', to: 'WH1-B' };
  test('a transfer needs From and To, and they must differ', () => {
    expect(codes({}, transfer)).toEqual([]);
    expect(codes({ from: null }, transfer)).toEqual(['from:required']);
    expect(codes({ to: null }, transfer)).toEqual(['to:required']);
    expect(codes({ to: 'WH1-A' }, transfer)).toEqual(['to:same_location']);
  });
  test('a transfer drops a party it does not use', () => {
    expect(check({ party: 'Acme' }, transfer).row?.party).toBeNull();
  });
  const ship: RawRow = { type: 'ship', date: '2026-11-20', sku: 'GLV-M', qty: 5, from: 'WH1-A', party: 'City Hospital', ref: 'SO-9' };
  test('a shipment needs From, the customer and the order number', () => {
    expect(codes({}, ship)).toEqual([]);
    expect(codes({ from: '' }, ship)).toEqual(['from:required']);
    expect(codes({ party: '' }, ship)).toEqual(['party:required']);
    expect(check({ party: '' }, ship).problems[0].message).toBe('The customer is required on a shipment (Party).');
    expect(codes({ ref: null }, ship)).toEqual(['ref:required']);
  });
  test('a shipment ignores To (a sheet\'s Location column)', () => {
    expect(check({ to: 'ANYWHERE' }, ship).row?.to).toBeNull();
  });
  const ret: RawRow = { type: 'return', date: '2026-11-20', sku: 'GLV-M', qty: 5, to: 'QUAR', party: 'City Hospital' };
  test('a return needs To and the customer; Ref is optional', () => {
    expect(codes({}, ret)).toEqual([]);
    expect(codes({ to: null }, ret)).toEqual(['to:required']);
    expect(codes({ party: null }, ret)).toEqual(['party:required']);
  });
  const scrap: RawRow = { type: 'scrap', date: '2026-11-20', sku: 'GLV-M', qty: 5, from: 'QUAR' };
  test('a scrap needs From', () => {
    expect(codes({}, scrap)).toEqual([]);
    expect(codes({ from: null }, scrap)).toEqual(['from:required']);
  });
  const adjust: RawRow = { type: 'adjust', date: '2026-11-20', sku: 'GLV-M', qty: 2, to: 'WH1-A', ref: 'Cycle count' };
  test('an adjustment needs exactly one of From or To, and the reason in Ref', () => {
    expect(codes({}, adjust)).toEqual([]);
    expect(check({ to: null, from: 'WH1-A' }, adjust).row).toMatchObject({ from: 'WH1-A', to: null });
    expect(codes({ to: null }, adjust)).toEqual(['from:required']);
    expect(codes({ from: 'WH1-B' }, adjust)).toEqual(['to:invalid']);
    expect(codes({ ref: null }, adjust)).toEqual(['ref:required']);
    expect(check({ ref: null }, adjust).problems[0].message).toBe('The reason is required on an adjustment (Ref).');
  });
  test('an unknown location is unknown_location and names the nearest code', () => {
    const r = check({ to: 'WH1A' });
    expect(r.problems).toMatchObject([{ field: 'to', code: 'unknown_location' }]);
    expect(r.problems[0].message).toBe('Location WH1A is not known; did you mean WH1-A?');
    expect(check({ to: 'WH7' }).problems[0].message).toBe('Location WH7 is not known; add it to the locations or fix the code.');
    expect(codes({ from: 'XX' }, { type: 'scrap', date: '2026-11-20', sku: 'GLV-M', qty: 1 })).toEqual(['from:unknown_location']);
  });
  test('a party or ref over 200 characters is invalid', () => {
    expect(codes({ party: 'p'.repeat(201) })).toEqual(['party:invalid']);
    expect(codes({ ref: 'r'.repeat(201) })).toEqual(['ref:invalid']);
    expect(codes({ note: 'n'.repeat(1001) })).toEqual(['note:invalid']);
  });
});

describe('a GS1 scan in the row', () => {
  const scanRow: RawRow = { type: 'receive', date: '2026-11-20', qty: 30, to: 'COLD-1', ref: 'PO-24023' };
  test('stands in for sku (through the GTIN), lot and expiry', () => {
    expect(check({ gs1: '(01)09506000134352(17)271031(10)FLU2612C' }, scanRow).row).toMatchObject({
      sku: 'VAC-10', lot: 'FLU2612C', expiry: '2027-10-31', qtyMilli: 30000,
    });
  });
  test('finds an item whose GTIN is stored in its 13-digit form', () => {
    expect(check({ gs1: '(01)04006381333931(21)P3-77', qty: null }, scanRow).row).toMatchObject({ sku: 'PUMP-3', serial: 'P3-77', qtyMilli: 1000 });
  });
  test('a field given both ways must agree: the one that differs is gs1_mismatch', () => {
    const gs1 = '(01)09506000134352(17)271031(10)FLU2612C';
    expect(codes({ gs1, sku: 'VAC-10', lot: 'FLU2612C', expiry: '2027-10-31' }, scanRow)).toEqual([]);
    expect(codes({ gs1, lot: 'FLU2612X' }, scanRow)).toEqual(['lot:gs1_mismatch']);
    expect(codes({ gs1, expiry: '2027-10-30' }, scanRow)).toEqual(['expiry:gs1_mismatch']);
    expect(codes({ gs1, sku: 'SAL-500', lot: 'FLU2612C' }, scanRow)).toEqual(['sku:gs1_mismatch']);
    expect(codes({ gs1: '(01)04006381333931(21)P3-77', serial: 'P3-78', qty: null }, scanRow)).toEqual(['serial:gs1_mismatch']);
  });
  test('a wrong GTIN check digit is gtin_check_digit on gs1', () => {
    expect(codes({ gs1: '(01)09506000134353(17)271031(10)FLU2612E' }, scanRow)).toEqual(['gs1:gtin_check_digit']);
  });
  test('a scan whose GTIN no item has is unknown_item on gs1', () => {
    expect(codes({ gs1: '(01)12345678901231(10)X' }, scanRow)).toEqual(['gs1:unknown_item']);
  });
  test('a malformed scan, or a lot without a GTIN, is invalid on gs1', () => {
    expect(codes({ gs1: '(01)0950600013435' }, scanRow)).toEqual(['gs1:invalid']);
    expect(codes({ gs1: '(10)FLU1', sku: 'VAC-10', expiry: '2027-10-31' }, scanRow)).toEqual(['gs1:invalid']);
    expect(check({ gs1: '(10)FLU1', sku: 'VAC-10' }, scanRow).problems[0].message).toContain('A lot (10) in a scan needs GTIN (01) or GTIN of contained items (02)');
  });
  test('a scanned lot of 21 characters is invalid, though 21 typed characters would pass', () => {
    expect(codes({ gs1: `(01)09506000134352(17)271031(10)${'L'.repeat(21)}` }, scanRow)).toEqual(['gs1:invalid']);
    expect(codes({ sku: 'VAC-10', lot: 'L'.repeat(21), expiry: '2027-10-31' }, scanRow)).toEqual([]);
  });
  test('the GS1 date century follows the row\'s today', () => {
    expect(check({ gs1: '(01)09506000134352(17)760100(10)A' }, scanRow).row?.expiry).toBe('2076-01-31');
  });
});

describe('rows without a date of their own', () => {
  test('take the sheet-wide date, which is checked like any other', () => {
    const noDate = { ...receive, date: null };
    expect(checkRowFields(noDate, 0, master, { today, defaultDate: '2026-11-24' }).row?.date).toBe('2026-11-24');
    expect(checkRowFields(noDate, 0, master, { today, defaultDate: '2026-12-24' }).problems).toMatchObject([{ field: 'date', code: 'date_in_future' }]);
    expect(checkRowFields({ ...receive, date: '2026-11-01' }, 0, master, { today, defaultDate: '2026-11-24' }).row?.date).toBe('2026-11-01');
  });
});

describe('values no rule can read', () => {
  test('a serial that came as a number with lost digits is invalid and says how to fix it', () => {
    const r = check({ sku: 'PUMP-3', serial: 1234567890123456800, qty: 1 });
    expect(r.problems).toEqual([expect.objectContaining({ field: 'serial', code: 'invalid' })]);
    expect(r.problems[0].message).toContain('format the column as text');
    expect(check({ sku: 'PUMP-3', serial: 123456, qty: 1 }).row?.serial).toBe('123456');
  });
  test('a scan that came as a number is invalid', () => {
    expect(codes({ gs1: 109506000134352, sku: null })).toEqual(['gs1:invalid']);
  });
  test('objects, lists and booleans are invalid on their field, not a crash', () => {
    expect(codes({ qty: true as never, lot: {} as never, to: [] as never })).toEqual(['lot:invalid', 'qty:invalid', 'to:invalid']);
  });
});

describe('identifiers are one thing each (issue 19)', () => {
  const transfer: RawRow = { type: 'transfer', date: '2026-11-20', sku: 'GLV-M', qty: 1, from: 'WH1-A', to: 'WH1-B' };
  test('lot, serial, sku, from and to refuse an invisible or direction-changing character, naming it', () => {
    const rlo = '\u202E';
    const problemOf = (over: RawRow, base: RawRow = receive) => check(over, base).problems.map((p) => `${p.field}:${p.code}:${p.message}`);
    expect(problemOf({ sku: 'IMP-7', lot: `L${rlo}1`, serial: 'S1', expiry: '2027-01-01' })[0]).toMatch(/^lot:invalid:.*U\+202E RIGHT-TO-LEFT OVERRIDE/);
    expect(problemOf({ sku: 'PUMP-3', serial: `SN\u2066001` })[0]).toMatch(/^serial:invalid:.*U\+2066 LEFT-TO-RIGHT ISOLATE/);
    expect(problemOf({ sku: `GLV\u00ADM` })).toEqual([expect.stringMatching(/^sku:invalid:.*U\+00AD SOFT HYPHEN/)]);
    expect(problemOf({ from: `WH1\u034F-A` }, transfer)).toEqual([expect.stringMatching(/^from:invalid:.*U\+034F COMBINING GRAPHEME JOINER/)]);
    expect(problemOf({ to: `WH1-B\u3164` }, transfer)).toEqual([expect.stringMatching(/^to:invalid:.*U\+3164 HANGUL FILLER/)]);
  });

  test('a decomposed accent is the same lot and serial as a composed one, kept in NFC', () => {
    const row = check({ sku: 'IMP-7', lot: 'L\u00C9', serial: 'A\u0301X', expiry: '2027-01-01', qty: 1 }).row!;
    expect(row.serial).toBe('\u00C1X');
    expect(check({ sku: 'IMP-7', lot: 'LE\u0301', serial: '\u00C1X', expiry: '2027-01-01', qty: 1 }).row!.lot).toBe(row.lot);
  });

  test('an item or location stored in NFC is found from a decomposed sku or code', () => {
    const m = masterData([{ ...items[4], sku: 'GL\u00C9' }], [{ code: 'H\u00C9', name: null }]);
    const r = checkRowFields({ ...receive, sku: 'GLE\u0301', to: 'HE\u0301' }, 0, m, { today });
    expect(r.problems).toEqual([]);
    expect(r.row).toMatchObject({ sku: 'GL\u00C9', to: 'H\u00C9' });
  });
});

describe('consume and produce (issue 15)', () => {
  const consume: RawRow = { type: 'consume', date: '2026-11-20', sku: 'VAC-10', lot: 'L1', qty: 2, from: 'COLD-1', ref: 'WO-1' };
  const produce: RawRow = { type: 'produce', date: '2026-11-20', sku: 'SAL-500', lot: 'M1', expiry: '2027-11-20', qty: 5, to: 'WH1-A', ref: 'WO-1' };
  test('a consume takes from a place and a produce brings to one, each naming its work order', () => {
    expect(codes({}, consume)).toEqual([]);
    expect(codes({}, produce)).toEqual([]);
    expect(codes({ from: null, ref: null }, consume)).toEqual(['from:required', 'ref:required']);
    expect(codes({ to: null, ref: '' }, produce)).toEqual(['to:required', 'ref:required']);
    expect(check({ to: 'WH1-A' }, consume).row?.to).toBeNull();
  });
  test('a produce needs the expiry a receipt would, and is warned when it is made expired', () => {
    expect(codes({ expiry: null }, produce)).toEqual(['expiry:required']);
    expect(codes({ expiry: '2026-11-01' }, produce)).toEqual(['expiry:expired(warning)']);
  });
  test('sheet words map to the two types', () => {
    expect(check({ type: 'Production' }, produce).row?.type).toBe('produce');
    expect(check({ type: 'used' }, consume).row?.type).toBe('consume');
  });
});
