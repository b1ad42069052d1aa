import { describe, expect, test } from 'vitest';
import { gs1Date, parseGs1, validateGs1Requisites } from './gs1';

const GS = '\u001d';

describe('reading a GS1 scan', () => {
  test('a bracketed scan gives GTIN, expiry and lot', () => {
    expect(parseGs1('(01)09506000134352(17)271031(10)FLU2612C', { referenceYear: 2026 })).toEqual({
      ok: true,
      ais: [{ ai: '01', value: '09506000134352' }, { ai: '17', value: '271031' }, { ai: '10', value: 'FLU2612C' }],
      gtin: '09506000134352', expiry: '2027-10-31', lot: 'FLU2612C',
    });
  });

  test.each([']C1', ']d2', ']Q3', ']e0', ']J1', GS, ''])('a raw scan with prefix %j reads the same fields', (prefix) => {
    const r = parseGs1(`${prefix}0109506000134352172711301${'0'}FLU2612D`, { referenceYear: 2026 });
    expect(r).toMatchObject({ ok: true, gtin: '09506000134352', expiry: '2027-11-30', lot: 'FLU2612D' });
  });

  test('a group separator ends a lot so a serial can follow it', () => {
    const r = parseGs1(`]d20109506000134352${'10'}L1${GS}21SN-9`, { referenceYear: 2026 });
    expect(r).toMatchObject({ ok: true, lot: 'L1', serial: 'SN-9' });
  });

  test('without a group separator the serial is read as part of the lot (as a scanner would)', () => {
    const r = parseGs1(']d201095060001343521' + '0L121SN-9', { referenceYear: 2026 });
    expect(r).toMatchObject({ ok: true, lot: 'L121SN-9' });
    expect(r.ok && r.serial).toBeFalsy();
  });

  test('a barcode that is not GS1 (symbology ]C0, ]d1) is refused', () => {
    expect(parseGs1(']C00109506000134352')).toMatchObject({ ok: false, code: 'invalid' });
    expect(parseGs1(']d10109506000134352')).toMatchObject({ ok: false, code: 'invalid' });
  });

  test('a wrong GTIN check digit is gtin_check_digit, in both forms', () => {
    expect(parseGs1('(01)09506000134353(10)A')).toMatchObject({ ok: false, code: 'gtin_check_digit' });
    expect(parseGs1(']d20109506000134353')).toMatchObject({ ok: false, code: 'gtin_check_digit' });
  });

  test('a 20-character lot is read, a 21-character one refused', () => {
    expect(parseGs1(`(01)09506000134352(10)${'A'.repeat(20)}`)).toMatchObject({ ok: true, lot: 'A'.repeat(20) });
    const r = parseGs1(`(01)09506000134352(10)${'A'.repeat(21)}`);
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(!r.ok && r.message).toMatch(/21 characters; it must have 1 to 20/);
  });

  test('a serial of more than 20 characters is refused in the raw form too', () => {
    expect(parseGs1(`]d20109506000134352${'21'}${'1'.repeat(21)}`)).toMatchObject({ ok: false });
  });

  test('a lot with a character outside set 82 (space, #) is refused', () => {
    expect(parseGs1('(01)09506000134352(10)A B')).toMatchObject({ ok: false, code: 'invalid' });
    expect(parseGs1('(01)09506000134352(10)A#B')).toMatchObject({ ok: false, code: 'invalid' });
  });

  test('production, best-before and SSCC fields are named', () => {
    expect(parseGs1('(00)123456789012345675(02)09506000134352(37)12(11)260101(15)270100', { referenceYear: 2026 })).toMatchObject({
      ok: true, sscc: '123456789012345675', gtin: '09506000134352', productionDate: '2026-01-01', bestBefore: '2027-01-31',
    });
  });

  test('the same AI twice with different values is refused; twice the same is fine', () => {
    expect(parseGs1('(01)09506000134352(10)A(10)B')).toMatchObject({ ok: false });
    expect(parseGs1('(01)09506000134352(10)A(10)A')).toMatchObject({ ok: true, lot: 'A' });
  });

  test('an AI LotLedger does not read (e.g. 240) makes the scan invalid with a message naming it', () => {
    const r = parseGs1('(01)09506000134352(240)X');
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
    expect(!r.ok && r.message).toContain('(240)');
  });

  test('a count (37) must be digits, at most 8', () => {
    expect(parseGs1('(00)123456789012345675(02)09506000134352(37)123456789')).toMatchObject({ ok: false });
    expect(parseGs1('(00)123456789012345675(02)09506000134352(37)1A')).toMatchObject({ ok: false });
  });
});

describe('GS1 dates', () => {
  test('DD=00 means the last day of the month, February of a leap year included', () => {
    expect(gs1Date('280200', 2026)).toBe('2028-02-29');
    expect(gs1Date('270200', 2026)).toBe('2027-02-28');
    expect(gs1Date('270400', 2026)).toBe('2027-04-30');
    expect(gs1Date('271200', 2026)).toBe('2027-12-31');
    expect(parseGs1('(01)09506000134352(17)280200', { referenceYear: 2026 })).toMatchObject({ expiry: '2028-02-29' });
  });

  test('a day that does not exist is refused (Feb 30, month 13, Feb 29 of a common year)', () => {
    expect(gs1Date('270230', 2026)).toBeNull();
    expect(gs1Date('271301', 2026)).toBeNull();
    expect(gs1Date('270229', 2026)).toBeNull();
    expect(parseGs1('(01)09506000134352(17)270230')).toMatchObject({ ok: false, code: 'invalid' });
  });

  test('the century slides with the reference year (49 back, 50 ahead)', () => {
    expect(gs1Date('760101', 2026)).toBe('2076-01-01');
    expect(gs1Date('770101', 2026)).toBe('1977-01-01');
    expect(gs1Date('000101', 2026)).toBe('2000-01-01');
    expect(gs1Date('010101', 2099)).toBe('2101-01-01');
    expect(gs1Date('990101', 2000)).toBe('1999-01-01');
  });
});

describe('which AIs go together', () => {
  const ais = (...list: string[]) => list.map((ai) => ({ ai }));
  test('a lot, date or serial without a GTIN is refused; with one it is fine', () => {
    expect(validateGs1Requisites(ais('10'))).toBe('A lot (10) in a scan needs GTIN (01) or GTIN of contained items (02) with it; scan the whole barcode.');
    expect(validateGs1Requisites(ais('17', '10'))).not.toBeNull();
    expect(validateGs1Requisites(ais('21'))).toMatch(/needs GTIN \(01\) with it/);
    expect(validateGs1Requisites(ais('01', '17', '10', '21'))).toBeNull();
  });
  test('(02) needs (37), (37) needs (00) and (02), and (01) excludes both', () => {
    expect(validateGs1Requisites(ais('02'))).not.toBeNull();
    expect(validateGs1Requisites(ais('02', '37'))).not.toBeNull();
    expect(validateGs1Requisites(ais('00', '02', '37'))).toBeNull();
    expect(validateGs1Requisites(ais('01', '02'))).toMatch(/cannot be in the same scan/);
    expect(validateGs1Requisites(ais('01', '37'))).toMatch(/cannot be in the same scan/);
  });
});

describe('scans in the forms clerks paste', () => {
  test('text copied from under a barcode, spaced out, reads like the bracketed form', () => {
    expect(parseGs1('(01) 09506000134352 (17) 271031 (10) FLU2612C', { referenceYear: 2026 })).toMatchObject({
      ok: true, gtin: '09506000134352', expiry: '2027-10-31', lot: 'FLU2612C',
    });
  });
  test('a space inside a value is still refused', () => {
    expect(parseGs1('(01)09506000134352(10)FLU 2612C')).toMatchObject({ ok: false });
    expect(parseGs1('(01)09506000134352(10)A) B')).toMatchObject({ ok: false });
  });
  test('a symbology identifier may precede a bracketed string or a leading GS', () => {
    expect(parseGs1(']C1(01)09506000134352(10)A')).toMatchObject({ ok: true, lot: 'A' });
    expect(parseGs1(']C1\u001d0109506000134352' + '10A')).toMatchObject({ ok: true, lot: 'A' });
  });
});

describe('scans in the GS1 Digital Link form (QR codes, 2D labels)', () => {
  test('a link on any host gives the GTIN, lot, serial and expiry as the element string would', () => {
    const link = 'https://id.gs1.org/01/09506000134352/10/ABC/21/123?17=271031';
    expect(parseGs1(link, { referenceYear: 2026 })).toMatchObject({ ok: true, gtin: '09506000134352', lot: 'ABC', serial: '123', expiry: '2027-10-31' });
    expect(parseGs1('https://labels.example.com/product/01/9506000134352/10/ABC')).toMatchObject({ ok: true, gtin: '09506000134352', lot: 'ABC' });
  });
  test('key qualifiers out of the standard order, or in the query, are refused with a sentence', () => {
    const swapped = parseGs1('https://id.gs1.org/01/09506000134352/21/123/10/ABC');
    expect(swapped).toMatchObject({ ok: false, code: 'invalid' });
    expect(!swapped.ok && swapped.message).toMatch(/\(21\), \(10\).*orders them \(22\), \(10\), \(21\)/);
    expect(parseGs1('https://id.gs1.org/01/09506000134352?10=ABC')).toMatchObject({ ok: false, code: 'invalid' });
  });
  test('the values are checked as in any scan: a wrong GTIN check digit, a lot of 21 characters', () => {
    expect(parseGs1('https://id.gs1.org/01/09506000134353/10/ABC')).toMatchObject({ ok: false, code: 'gtin_check_digit' });
    expect(parseGs1(`https://id.gs1.org/01/09506000134352/10/${'A'.repeat(21)}`)).toMatchObject({ ok: false, code: 'invalid' });
    expect(parseGs1('https://id.gs1.org/01/09506000134352/10/A%20B')).toMatchObject({ ok: false, code: 'invalid' });
  });
  test('AIs LotLedger does not read are passed over in a link (their values are delimited there)', () => {
    const parsed = parseGs1('https://id.gs1.org/01/09506000134352/10/ABC?3103=000195&17=271031', { referenceYear: 2026 });
    expect(parsed).toMatchObject({ ok: true, lot: 'ABC', expiry: '2027-10-31' });
    expect(parsed.ok && parsed.ais.map((a) => a.ai)).toEqual(['01', '10', '17']);
  });
});
