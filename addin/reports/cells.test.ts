import { describe, expect, it } from 'vitest';
import { excelSerialToIso } from '../../shared/dates';
import { KIND_FORMAT, textCell } from '../workbook/cell-formats';
import { reportCell } from './cells';

describe('report cells by column kind', () => {
  it('formats identifiers and free text as Text, dates with a date format, quantities as General numbers', () => {
    expect(KIND_FORMAT).toEqual({ id: '@', text: '@', date: 'yyyy-mm-dd', number: 'General' });
  });

  it('keeps identifiers as text, leading zeros and all', () => {
    expect(reportCell('id', '000123', false)).toBe('000123');
    expect(reportCell('id', 7, false)).toBe('7');
  });

  it('writes dates as real Excel dates in the workbook\'s own date system', () => {
    expect(reportCell('date', '2026-11-24', false)).toBe(46350);
    expect(reportCell('date', '2026-11-24', true)).toBe(46350 - 1462);
    expect(excelSerialToIso(reportCell('date', '2027-02-28', true) as number, true)).toBe('2027-02-28');
  });

  it('writes quantities as numbers', () => {
    expect(reportCell('number', 50.5, false)).toBe(50.5);
    expect(reportCell('number', '12', false)).toBe(12);
  });

  it('leaves a missing value as an empty cell', () => {
    for (const kind of ['id', 'text', 'date', 'number'] as const) {
      expect(reportCell(kind, null, false)).toBe('');
      expect(reportCell(kind, undefined, false)).toBe('');
    }
  });

  it('marks text Excel could take for a formula with the apostrophe Excel drops, whatever the column', () => {
    expect(reportCell('text', '=HYPERLINK("http://evil.example","click")', false)).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(reportCell('id', '@SUM(A1)', false)).toBe("'@SUM(A1)");
    expect(reportCell('id', '+1', false)).toBe("'+1");
    expect(reportCell('text', '-2', false)).toBe("'-2");
    // a date or number column given text it cannot read still writes it as text
    expect(reportCell('date', '=1+1', false)).toBe("'=1+1");
    expect(reportCell('number', '=1+1', false)).toBe("'=1+1");
    expect(textCell("'quoted")).toBe("''quoted");
    expect(textCell('Clinic North')).toBe('Clinic North');
  });

  it('writes yes or no for a flag', () => {
    expect(reportCell('text', true, false)).toBe('yes');
    expect(reportCell('text', false, false)).toBe('no');
  });
});
