import { describe, expect, it } from 'vitest';
import { displayText, generalText, isDateFormat } from './number-format';

describe('what Excel shows in a cell', () => {
  it.each([
    [0, '0'], [42, '42'], [-5, '-5'], [0.5, '0.5'], [0.1 + 0.2, '0.3'], [1234567.891234, '1234567.891'],
    [12345678901, '12345678901'], [123456789012, '1.23457E+11'], [1234567890123456, '1.23457E+15'],
    [1e15, '1E+15'], [1e-10, '1E-10'], [-123456789012345, '-1.23457E+14'],
  ])('General shows %d as %s', (n, shown) => {
    expect(generalText(n)).toBe(shown);
  });

  it('shows a date serial under a date format as that day, in either date system', () => {
    expect(displayText(46350, 'yyyy-mm-dd', false)).toBe('2026-11-24');
    expect(displayText(46350 - 1462, 'yyyy-mm-dd', true)).toBe('2026-11-24');
    expect(displayText(46350, 'm/d/yyyy', false)).toBe('11/24/2026');
    expect(displayText(46350, 'dd.mm.yy', false)).toBe('24.11.26');
  });

  it('pads codes under a zero format and keeps text as typed', () => {
    expect(displayText(1002, '000000', false)).toBe('001002');
    expect(displayText('001002', '@', false)).toBe('001002');
    expect(displayText(true, 'General', false)).toBe('TRUE');
  });

  it('knows date formats from number formats', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('[$-409]d-mmm-yy;@')).toBe(true);
    expect(isDateFormat('0.00')).toBe(false);
    expect(isDateFormat('"Day" 0')).toBe(false);
    expect(isDateFormat('@')).toBe(false);
  });
});
