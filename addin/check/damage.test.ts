import { describe, expect, it } from 'vitest';
import { dateDamage, identifierDamage, lostDigits, paddedLength } from './damage';

const num = (value: number, text: string) => ({ value, text });
const str = (s: string) => ({ value: s, text: s });

describe("Excel's own damage to pasted identifiers and dates", () => {
  it('catches a serial that Excel turned into a number with more than 15 digits', () => {
    expect(lostDigits(num(12345678901234568, '1.23457E+16'))).toBe(true);
    expect(lostDigits(num(1234567890123456, '1234567890123456'))).toBe(true); // a wide column still lost the 16th digit
  });

  it('catches an identifier shown in E notation, even when the number is still whole', () => {
    expect(lostDigits(num(123456789012, '1.23457E+11'))).toBe(true);
    expect(lostDigits(str('1.23E+15'))).toBe(true);
  });

  it('leaves ordinary codes alone', () => {
    expect(lostDigits(str('P3-001001'))).toBe(false);
    expect(lostDigits(num(1002, '1002'))).toBe(false);
    expect(identifierDamage('Lot #', [str('FLU2612A'), num(4711, '4711'), str('')])).toEqual([]);
  });

  it('tells the clerk to format the column as Text and paste again', () => {
    const [d] = identifierDamage('S/N', [num(1.2345678901234568e21, '1.23457E+21')]);
    expect(d.index).toBe(0);
    expect(d.message).toContain('format the “S/N” column as Text and paste the sheet again');
  });

  it('finds leading zeros lost from a column whose other codes keep theirs', () => {
    const cells = [str('001001'), num(1002, '1002'), str('001003'), num(1004, '1004')];
    expect(paddedLength(cells)).toBe(6);
    expect(identifierDamage('Serial No.', cells).map((d) => d.index)).toEqual([1, 3]);
    expect(identifierDamage('Serial No.', cells)[0].message).toContain('looks like 001002');
  });

  it('does not guess when the padded codes disagree on their length, or none is padded', () => {
    expect(paddedLength([str('0101'), str('001002')])).toBeNull();
    expect(identifierDamage('Lot', [num(1002, '1002'), num(1003, '1003')])).toEqual([]);
  });

  it('flags text dates that neither Excel nor LotLedger can read', () => {
    const found = dateDamage('Exp. date', [str('2027-10-31'), str('31.10.2027'), str('2027-02-30'), num(46350, '2026-11-24'), str('')]);
    expect(found.map((d) => d.index)).toEqual([1, 2]);
    expect(found[0].message).toContain('YYYY-MM-DD');
  });
  it('warns of a lot or serial held as a plain number, saying how to keep it as text', () => {
    const [d] = identifierDamage('Serial No.', [num(123, '123'), str('000124')].slice(0, 1), { numbersWarned: true, formats: ['General'] });
    expect(d).toMatchObject({ index: 0, severity: 'warning' });
    expect(d.message).toContain('123 in “Serial No.” is a number, not text');
    expect(d.message).toContain('Format the “Serial No.” column as Text');
    expect(d.message).toContain('retype the value or paste it again as text');
    // Only where asked (lot and serial columns): an item code or bin of digits is no warning.
    expect(identifierDamage('Item code', [num(1002, '1002')])).toEqual([]);
  });
  it('reads a number under a zero-padding format as shown, without a warning', () => {
    expect(identifierDamage('Serial No.', [num(123, '000123')], { numbersWarned: true, formats: ['000000'] })).toEqual([]);
    expect(identifierDamage('Serial No.', [num(123, '123')], { numbersWarned: true, formats: ['0'] })).toEqual([]);
  });
  it('keeps lost digits and lost leading zeros as errors, even where numbers are only warned of', () => {
    expect(identifierDamage('Lot', [num(1.2345678901234568e21, '1.23457E+21')], { numbersWarned: true })[0].severity).toBe('error');
    const cells = [str('001001'), num(1002, '1002')];
    expect(identifierDamage('Serial No.', cells, { numbersWarned: true }).map((d) => [d.index, d.severity])).toEqual([[1, 'error']]);
  });
});
