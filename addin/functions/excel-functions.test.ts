import { afterEach, describe, expect, it } from 'vitest';
import { associateExcelFunctions, excelValue, EXCEL_FUNCTIONS, recalculateWorkbook, type CustomFunctionsRuntime } from './excel-functions';

/** Excel's runtime as its documentation describes it: ErrorCode values are the error texts. */
class FakeCellError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message);
  }
}
const associated = new Map<string, unknown>();
const fake: CustomFunctionsRuntime = {
  associate: (id, fn) => associated.set(id, fn),
  Error: FakeCellError,
  ErrorCode: { notAvailable: '#N/A', invalidValue: '#VALUE!' },
};
const g = globalThis as unknown as { CustomFunctions?: CustomFunctionsRuntime };

afterEach(() => delete g.CustomFunctions);

describe('the Excel side of the cell functions', () => {
  it('throws #N/A for an unknown key and #VALUE! for no answer, each with its message', () => {
    g.CustomFunctions = fake;
    expect(() => excelValue({ error: 'notAvailable', message: 'VAC-99 is not in the ledger.' })).toThrow(expect.objectContaining({ code: '#N/A', message: 'VAC-99 is not in the ledger.' }));
    expect(() => excelValue({ error: 'value', message: 'Not connected' })).toThrow(expect.objectContaining({ code: '#VALUE!', message: 'Not connected' }));
    expect(excelValue(0)).toBe(0);
    expect(excelValue('scrapped')).toBe('scrapped');
  });

  it('answers a date as its serial number where Excel takes no formatted number', () => {
    expect(excelValue({ serial: 46387, format: 'yyyy-mm-dd' })).toBe(46387);
  });

  it('associates every function by its id', () => {
    g.CustomFunctions = fake;
    associateExcelFunctions();
    expect([...associated.keys()]).toEqual(Object.keys(EXCEL_FUNCTIONS));
    expect(associated.get('HELD')).toBe(EXCEL_FUNCTIONS.HELD);
  });

  it('asks Excel for a full recalculation, so the functions answer again once the pane connects', async () => {
    const asked: string[] = [];
    let synced = 0;
    const ctx = { workbook: { application: { calculate: (t: string) => asked.push(t) } }, sync: async () => { synced++; } };
    await recalculateWorkbook(async (batch) => batch(ctx as never));
    expect(asked).toEqual(['Full']);
    expect(synced).toBe(1);
  });
});
