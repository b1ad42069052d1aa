import { describe, expect, it } from 'vitest';
import { isoToExcelSerial } from '../../../shared/dates';
import { parseTsv, toTsv } from './clipboard';
import { clearSelection, copyText, pasteText } from './editing';
import { moved } from './keys';
import { keepInStorage, MAX_KEPT_CELLS, restoreText, saveText, STORAGE_KEY } from './persist';
import { typedValue } from './typing';
import { choicesAt, refusal } from './validation';
import { PreviewWorkbook, type Selection } from './workbook';

const at = (top: number, left: number, rows = 1, cols = 1): Selection => ({ sheet: 'Sheet1', top, left, rows, cols });

describe('what Excel makes of typed or pasted text', () => {
  it('turns plain numbers into numbers, leading zeros and all, except in a Text cell', () => {
    expect(typedValue('000123', 'General', false)).toEqual({ value: 123 });
    expect(typedValue('000123', '@', false)).toEqual({ value: '000123' });
    expect(typedValue('12.5', 'General', false)).toEqual({ value: 12.5 });
    expect(typedValue('12345678901234567890', 'General', false).value).toBe(12345678901234567000);
    expect(typedValue("'000123", 'General', false)).toEqual({ value: "'000123" }); // the workbook drops the apostrophe
  });
  it('reads TRUE/FALSE as booleans and a YYYY-MM-DD date as a date serial under a date format', () => {
    expect(typedValue('true', 'General', false)).toEqual({ value: true });
    expect(typedValue('2027-08-31', 'General', false)).toEqual({ value: isoToExcelSerial('2027-08-31', false), format: 'yyyy-mm-dd' });
    expect(typedValue('2027-08-31', 'yyyy-mm-dd', true)).toEqual({ value: isoToExcelSerial('2027-08-31', true), format: undefined });
    expect(typedValue('2027-02-30', 'General', false)).toEqual({ value: '2027-02-30' });
    expect(typedValue('PO-1', 'General', false)).toEqual({ value: 'PO-1' });
  });
});

describe('the clipboard as Excel speaks it', () => {
  it('splits rows and tab-separated cells, CRLF or LF, a trailing line break or none', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\t\tb\nc')).toEqual([['a', '', 'b'], ['c']]);
    expect(parseTsv('')).toEqual([]);
  });
  it('reads quoted cells holding tabs, line breaks and quotes, and writes them back the same way', () => {
    const rows = [['Note', 'x'], ['two\nlines', 'say "hi"'], ['a\tb', '']];
    expect(toTsv(rows)).toBe('Note\tx\r\n"two\nlines"\t"say ""hi"""\r\n"a\tb"\t\r\n');
    expect(parseTsv(toTsv(rows))).toEqual(rows);
    expect(parseTsv('"quoted" text\tb')).toEqual([['"quoted" text', 'b']]);
  });
});

describe('moving the selection with the keyboard', () => {
  it('arrows move one cell, Tab right, Enter down, Shift back; the sheet edge stops them', () => {
    expect(moved(at(2, 2), 'ArrowUp', false)).toEqual(at(1, 2));
    expect(moved(at(2, 2), 'Tab', false)).toEqual(at(2, 3));
    expect(moved(at(2, 2), 'Tab', true)).toEqual(at(2, 1));
    expect(moved(at(2, 2), 'Enter', true)).toEqual(at(1, 2));
    expect(moved(at(0, 0), 'ArrowLeft', false)).toEqual(at(0, 0));
    expect(moved(at(0, 0), 'ArrowUp', false)).toEqual(at(0, 0));
    expect(moved(at(2, 2, 3, 2), 'ArrowDown', false)).toEqual(at(3, 2));
    expect(moved(at(2, 2), 'a', false)).toBeNull();
  });
  it('Shift with an arrow widens or narrows the selection', () => {
    expect(moved(at(2, 2), 'ArrowDown', true)).toEqual(at(2, 2, 2, 1));
    expect(moved(at(2, 2, 3, 2), 'ArrowLeft', true)).toEqual(at(2, 2, 3, 1));
    expect(moved(at(2, 2), 'ArrowUp', true)).toEqual(at(2, 2));
  });
});

describe('editing the preview workbook', () => {
  it('pastes a block at the selection as one edit, typed as Excel types it, and selects it', () => {
    const wb = new PreviewWorkbook();
    const edits: unknown[] = [];
    wb.onEdit((r, kind) => edits.push([r, kind]));
    wb.setFormat('Sheet1', 1, 2, '@');
    wb.select(at(1, 1));
    pasteText(wb, 'PO-1\t000123\t2027-08-31\r\nPO-2\t7\t\r\n');
    expect(wb.cell('Sheet1', 1, 1)?.value).toBe('PO-1');
    expect(wb.cell('Sheet1', 1, 2)?.value).toBe('000123'); // a Text cell keeps the zeros
    expect(wb.cell('Sheet1', 2, 2)?.value).toBe(7);
    expect(wb.text('Sheet1', 1, 3)).toBe('2027-08-31');
    expect(edits).toEqual([[{ sheet: 'Sheet1', top: 1, left: 1, rows: 2, cols: 3 }, 'values']]);
    expect(wb.selection).toEqual(at(1, 1, 2, 3));
    expect(copyText(wb)).toBe('PO-1\t000123\t2027-08-31\r\nPO-2\t7\t\r\n');
  });
  it('fills a larger selection with one value copied, as Excel does', () => {
    const wb = new PreviewWorkbook();
    wb.select(at(0, 0, 2, 2));
    pasteText(wb, 'x\r\n');
    expect([[0, 0], [0, 1], [1, 0], [1, 1]].map(([r, c]) => wb.cell('Sheet1', r, c)?.value)).toEqual(['x', 'x', 'x', 'x']);
  });
  it('Delete empties the values of the selection but keeps fills, notes and formats', () => {
    const wb = new PreviewWorkbook();
    wb.setValues('Sheet1', 0, 0, [['a', 'b'], ['c', 'd']], { byUser: false });
    wb.setFill('Sheet1', 0, 0, '#FFEB9C', 'a note');
    wb.select(at(0, 0, 1, 2));
    clearSelection(wb);
    expect(wb.cell('Sheet1', 0, 0)).toMatchObject({ value: '', fill: '#FFEB9C', note: 'a note' });
    expect(wb.cell('Sheet1', 1, 1)?.value).toBe('d');
  });
  it('inserts and deletes rows: the cells below move and the pane hears of a structure change', () => {
    const wb = new PreviewWorkbook();
    const edits: string[] = [];
    wb.onEdit((_, kind) => edits.push(kind));
    wb.setValues('Sheet1', 0, 0, [['h'], ['r1'], ['r2']], { byUser: false });
    wb.shiftRows('Sheet1', 1, 2);
    expect([0, 1, 2, 3, 4].map((r) => wb.cell('Sheet1', r, 0)?.value ?? '')).toEqual(['h', '', '', 'r1', 'r2']);
    wb.shiftRows('Sheet1', 1, -3);
    expect([0, 1, 2].map((r) => wb.cell('Sheet1', r, 0)?.value ?? '')).toEqual(['h', 'r2', '']);
    expect(edits).toEqual(['structure', 'structure']);
  });
  it('renames a sheet unless the name is taken or blank, the selection following it', () => {
    const wb = new PreviewWorkbook('Book.xlsx', ['Sheet1', 'Sheet2']);
    expect(wb.renameSheet('Sheet1', 'sheet2')).toBe(false);
    expect(wb.renameSheet('Sheet1', '  ')).toBe(false);
    expect(wb.renameSheet('Sheet1', 'Receiving')).toBe(true);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Receiving', 'Sheet2']);
    expect(wb.selection.sheet).toBe('Receiving');
  });
  it('tells listeners when the selection changes, not when it is set to the same cells', () => {
    const wb = new PreviewWorkbook();
    const seen: Selection[] = [];
    wb.onSelect((s) => seen.push(s));
    wb.select(at(1, 1));
    wb.select(at(1, 1));
    wb.select(at(1, 1, 2, 1));
    expect(seen).toEqual([at(1, 1), at(1, 1, 2, 1)]);
  });
});

describe('list data validation in the preview', () => {
  it('offers a column’s list from its first row down, and refuses typed values outside it', () => {
    const wb = new PreviewWorkbook();
    wb.sheet('Sheet1').lists.set(2, { top: 2, values: ['COLD-1', 'WH1-A'] });
    expect(choicesAt(wb.sheet('Sheet1'), 1, 2)).toBeUndefined();
    expect(choicesAt(wb.sheet('Sheet1'), 2, 2)).toEqual(['COLD-1', 'WH1-A']);
    expect(refusal(['COLD-1', 'WH1-A'], 'cold-1')).toBeNull();
    expect(refusal(['COLD-1', 'WH1-A'], '')).toBeNull();
    expect(refusal(['COLD-1', 'WH1-A'], 'COLD-9')).toBe('“COLD-9” is not in this column’s list (COLD-1, WH1-A).');
    expect(refusal(undefined, 'anything')).toBeNull();
  });
});

describe('the preview workbook kept in local storage', () => {
  function memoryStorage() {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
  }

  it('restores sheets, cells with their formats, fills and notes, lists, settings and the selection', () => {
    const wb = new PreviewWorkbook('Book.xlsx', ['Sheet1', 'Receiving']);
    wb.setValues('Receiving', 2, 1, [['000123', 46350]], { byUser: false });
    wb.setFormat('Receiving', 2, 2, 'yyyy-mm-dd');
    wb.setFill('Receiving', 2, 1, '#FFEB9C', 'a note');
    wb.sheet('Receiving').columnFormats.set(1, '@');
    wb.sheet('Receiving').lists.set(3, { top: 2, values: ['A', 'B'] });
    wb.settings.set('lotledger.columnMapping', '{}');
    wb.select({ sheet: 'Receiving', top: 2, left: 2, rows: 1, cols: 1 });
    const again = new PreviewWorkbook();
    expect(restoreText(again, saveText(wb))).toBe(true);
    expect(saveText(again)).toBe(saveText(wb));
    expect(again.text('Receiving', 2, 2)).toBe('2026-11-24');
    expect(again.cell('Receiving', 2, 1)).toMatchObject({ value: '000123', fill: '#FFEB9C', note: 'a note' });
    expect(again.selection).toEqual({ sheet: 'Receiving', top: 2, left: 2, rows: 1, cols: 1 });
  });
  it('leaves the workbook as it is when storage holds nothing usable', () => {
    const wb = new PreviewWorkbook();
    expect(restoreText(wb, null)).toBe(false);
    expect(restoreText(wb, '{"version":1,"sheets":[]}')).toBe(false);
    expect(restoreText(wb, 'not json')).toBe(false);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });
  it('saves after a change, once for a burst of changes, and flushes a pending save', async () => {
    const storage = memoryStorage();
    const wb = new PreviewWorkbook();
    const kept = keepInStorage(wb, storage);
    wb.setValues('Sheet1', 0, 0, [['a']], { byUser: true });
    wb.setValues('Sheet1', 0, 1, [['b']], { byUser: true });
    expect(storage.m.has(STORAGE_KEY)).toBe(false);
    kept.flush();
    const later = new PreviewWorkbook();
    keepInStorage(later, storage).stop();
    expect(later.cell('Sheet1', 0, 1)?.value).toBe('b');
    wb.setValues('Sheet1', 0, 2, [['c']], { byUser: true });
    await new Promise((r) => setTimeout(r, 600));
    expect(storage.m.get(STORAGE_KEY)).toContain('"c"');
    kept.stop();
  });
  it('keeps no workbook larger than it can hold, rather than an older copy of it', () => {
    const storage = memoryStorage();
    const wb = new PreviewWorkbook();
    const kept = keepInStorage(wb, storage);
    wb.setValues('Sheet1', 0, 0, [['small']], { byUser: true });
    kept.flush();
    expect(storage.m.has(STORAGE_KEY)).toBe(true);
    wb.setValues('Sheet1', 0, 0, Array.from({ length: MAX_KEPT_CELLS / 10 + 1 }, () => Array.from({ length: 10 }, () => 'x')), { byUser: true });
    kept.flush();
    expect(storage.m.has(STORAGE_KEY)).toBe(false);
    kept.stop();
  });
});
