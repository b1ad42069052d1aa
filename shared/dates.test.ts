import { describe, expect, test } from 'vitest';
import { addDays, daysBetween, excelSerialToIso, isIsoDate, isoToExcelSerial, parseDate, todayUtc } from './dates';

describe('calendar dates', () => {
  test('only real days are ISO dates (no Feb 30, Feb 29 only in leap years)', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-05')).toBe(false);
  });

  test('unambiguous written forms are read; day-first, month-first and numbers are not', () => {
    expect(parseDate('2026-11-20')).toBe('2026-11-20');
    expect(parseDate(' 2026/11/20 ')).toBe('2026-11-20');
    expect(parseDate('2026/1/5')).toBe('2026-01-05');
    expect(parseDate('20261120')).toBe('2026-11-20');
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('20/11/2026')).toBeNull();
    expect(parseDate('11/20/2026')).toBeNull();
    expect(parseDate('2026-11/20')).toBeNull();
    expect(parseDate(46346)).toBeNull();
    expect(parseDate('')).toBeNull();
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
  });

  test('day arithmetic crosses months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2000-01-01', -1)).toBe('1999-12-31');
    expect(daysBetween('2026-11-24', '2026-12-24')).toBe(30);
    expect(daysBetween('2026-12-24', '2026-11-24')).toBe(-30);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  test('today is the UTC day, whatever the local clock says', () => {
    expect(todayUtc(new Date('2026-11-24T23:30:00-05:00'))).toBe('2026-11-25');
    expect(todayUtc(new Date('2026-11-25T00:30:00+02:00'))).toBe('2026-11-24');
  });
});

describe('Excel serial dates', () => {
  test('1900 system: 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01, and 60 (the fake Feb 29) is no day', () => {
    expect(excelSerialToIso(1, false)).toBe('1900-01-01');
    expect(excelSerialToIso(59, false)).toBe('1900-02-28');
    expect(excelSerialToIso(60, false)).toBeNull();
    expect(excelSerialToIso(61, false)).toBe('1900-03-01');
    expect(excelSerialToIso(46350, false)).toBe('2026-11-24');
    expect(excelSerialToIso(46350.75, false)).toBe('2026-11-24');
    expect(excelSerialToIso(0, false)).toBeNull();
    expect(excelSerialToIso(-3, false)).toBeNull();
    expect(excelSerialToIso(2_958_465, false)).toBe('9999-12-31');
    expect(excelSerialToIso(2_958_466, false)).toBeNull();
    expect(excelSerialToIso(Number.NaN, false)).toBeNull();
  });

  test('1904 system: 0 is 1904-01-01 and every date is 1462 lower than in the 1900 system', () => {
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(46350 - 1462, true)).toBe('2026-11-24');
    expect(excelSerialToIso(-1, true)).toBeNull();
  });

  test('ISO to serial is the inverse in both systems', () => {
    for (const d of ['1900-01-01', '1900-02-28', '1900-03-01', '1904-01-01', '2000-02-29', '2026-11-24', '9999-12-31']) {
      expect(excelSerialToIso(isoToExcelSerial(d, false), false)).toBe(d);
      if (d >= '1904-01-01') expect(excelSerialToIso(isoToExcelSerial(d, true), true)).toBe(d);
    }
    expect(isoToExcelSerial('2026-11-24', false)).toBe(46350);
    expect(isoToExcelSerial('2026-11-24', true)).toBe(44888);
  });
});
