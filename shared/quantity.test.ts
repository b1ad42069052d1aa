import { expect, test } from 'vitest';
import { parseQtyMilli } from './quantity';

test('numbers and plain numeric text become exact thousandths', () => {
  expect(parseQtyMilli(12)).toEqual({ ok: true, milli: 12000 });
  expect(parseQtyMilli('12')).toEqual({ ok: true, milli: 12000 });
  expect(parseQtyMilli('12.5')).toEqual({ ok: true, milli: 12500 });
  expect(parseQtyMilli(0.001)).toEqual({ ok: true, milli: 1 });
  expect(parseQtyMilli(1.005)).toEqual({ ok: true, milli: 1005 });
  expect(parseQtyMilli('4.35')).toEqual({ ok: true, milli: 4350 });
  expect(parseQtyMilli(1e9)).toEqual({ ok: true, milli: 1e12 });
  expect(parseQtyMilli('1.5000')).toEqual({ ok: true, milli: 1500 });
});

test('a formula\'s float noise is read as the value the sheet shows', () => {
  expect(parseQtyMilli(0.1 + 0.2)).toEqual({ ok: true, milli: 300 });
});

test.each([
  [0, 'must be more than 0'], ['0', 'must be more than 0'], [-5, 'must be more than 0'], ['-5', 'must be more than 0'],
  [1.0001, 'has more than 3 decimals'], ['1.0001', 'has more than 3 decimals'], [1e-7, 'has more than 3 decimals'],
  [1e9 + 1, 'is more than 1,000,000,000'], ['1000000000.001', 'is more than 1,000,000,000'], [1e21, 'is more than 1,000,000,000'],
  ['1,200', 'has a thousands separator; write the digits alone'], ['1,5', 'has a decimal comma; write decimals with a point'],
  ['abc', 'is not a number'], ['12 kg', 'is not a number'], [Number.NaN, 'is not a number'], [Infinity, 'is not a number'], ['1e3', 'is not a number'],
])('quantity %j is refused: %s', (v, reason) => {
  expect(parseQtyMilli(v)).toEqual({ ok: false, reason });
});
