import { describe, expect, it } from 'vitest';
import { MAX_SHEET_NAME, uniqueSheetName, validSheetName } from './sheet-name';

describe('report sheet names, by Excel\'s rules', () => {
  it('keeps a plain name as it is', () => {
    expect(validSheetName('Trace VAC-10 FLU-A')).toBe('Trace VAC-10 FLU-A');
  });

  it('replaces the characters Excel refuses in a sheet name', () => {
    expect(validSheetName('Recall: VAC-10 [L1/L2]')).toBe('Recall- VAC-10 -L1-L2-');
    expect(validSheetName('a*b?c\\d')).toBe('a-b-c-d');
    expect(validSheetName('tab\there\u0007')).toBe('tab here');
  });

  it('cuts a long name to 31 characters', () => {
    const name = validSheetName('Trace VAC-10 LOT-WITH-A-VERY-LONG-CODE-1234567890');
    expect(name).toBe('Trace VAC-10 LOT-WITH-A-VERY-LO');
    expect(name).toHaveLength(MAX_SHEET_NAME);
  });

  it('never starts or ends a name with an apostrophe, and never leaves it blank', () => {
    expect(validSheetName("'quoted'")).toBe('quoted');
    expect(validSheetName('   ')).toBe('Report');
    expect(validSheetName('[]')).toBe('--');
  });

  it('does not use History, which Excel keeps for itself', () => {
    expect(validSheetName('History')).toBe('History report');
    expect(validSheetName('history')).toBe('history report');
  });

  it('numbers a name already in the workbook, whatever its case, and stays within 31 characters', () => {
    expect(uniqueSheetName('Trace VAC-10 FLU-A', ['Sheet1'])).toBe('Trace VAC-10 FLU-A');
    expect(uniqueSheetName('Trace VAC-10 FLU-A', ['trace vac-10 flu-a'])).toBe('Trace VAC-10 FLU-A (2)');
    expect(uniqueSheetName('Trace VAC-10 FLU-A', ['Trace VAC-10 FLU-A', 'Trace VAC-10 FLU-A (2)'])).toBe('Trace VAC-10 FLU-A (3)');
    const long = 'X'.repeat(40);
    const taken = [validSheetName(long)];
    const second = uniqueSheetName(long, taken);
    expect(second).toBe(`${'X'.repeat(27)} (2)`);
    expect(second.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
    const many = Array.from({ length: 12 }, (_, i) => (i === 0 ? taken[0] : `${'X'.repeat(i + 1 >= 10 ? 26 : 27)} (${i + 1})`));
    expect(uniqueSheetName(long, many)).toBe(`${'X'.repeat(26)} (13)`);
  });

  it('does not split an emoji when cutting', () => {
    const name = validSheetName(`${'a'.repeat(30)}😀`);
    expect(name).toBe('a'.repeat(30));
  });
});
