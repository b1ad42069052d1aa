import { expect, test } from 'vitest';
import { gtinCheckDigitOk, mod10CheckDigit, mod10CheckDigitOk, normaliseGtin } from './gtin';

test('GTIN-8, -12, -13 and -14 with right check digits pass; a wrong last digit fails', () => {
  for (const g of ['96385074', '036000291452', '4006381333931', '09506000134352']) {
    expect(gtinCheckDigitOk(g)).toBe(true);
    const wrong = g.slice(0, -1) + String((Number(g.at(-1)) + 1) % 10);
    expect(gtinCheckDigitOk(wrong)).toBe(false);
  }
});

test('other lengths and non-digits are no GTIN', () => {
  for (const g of ['', '1234567', '12345678901', '123456789012345', '0950600013435X', ' 4006381333931']) expect(gtinCheckDigitOk(g)).toBe(false);
});

test('the check digit is computed with weights 3,1,3 from the right (SSCC-18 too)', () => {
  expect(mod10CheckDigit('0950600013435')).toBe(2);
  expect(mod10CheckDigitOk('123456789012345675')).toBe(true);
  expect(mod10CheckDigitOk('123456789012345670')).toBe(false);
});

test('short GTINs pad to 14 digits', () => {
  expect(normaliseGtin('4006381333931')).toBe('04006381333931');
  expect(normaliseGtin('96385074')).toBe('00000096385074');
  expect(normaliseGtin('09506000134352')).toBe('09506000134352');
});
