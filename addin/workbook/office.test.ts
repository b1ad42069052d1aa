import { describe, expect, it } from 'vitest';
import { excelSerialToIso } from '../../shared/dates';
import { PAYLOAD_LIMIT_BYTES } from './chunks';
import { FakeExcel } from './fake-excel';
import { officePort } from './office';
import { MARK_FILL, type CellValue } from './port';

const HEADER = ['Date', 'PO #', 'Item code', 'Lot #', 'Serial No.', 'Exp. date', 'Qty', 'Location'];

/** A receiving sheet of n rows as Excel holds it: dates as serials with a date format. */
function bigSheet(excel: FakeExcel, n: number): void {
  excel.seed('Sheet1', 'A1', [HEADER]);
  const rows: CellValue[][] = Array.from({ length: n }, (_, i) => [
    46300 + (i % 30), `PO-${24000 + (i % 500)}`, 'VAC-10', `FLU26${String(i % 997).padStart(4, '0')}`, '', 46700 + (i % 90), 1 + (i % 40), 'COLD-1',
  ]);
  excel.seed('Sheet1', 'A2', rows);
  for (let i = 0; i < n; i++) {
    excel.book.setFormat('Sheet1', i + 1, 0, 'yyyy-mm-dd');
    excel.book.setFormat('Sheet1', i + 1, 5, 'yyyy-mm-dd');
  }
}

describe('the Office.js adapter against a fake Excel', () => {
  it('reads a 100,000-row sheet in chunks, never sending or receiving more than 5 MB, one sync per chunk', async () => {
    const excel = new FakeExcel();
    bigSheet(excel, 100_000);
    const port = officePort(excel.host());
    excel.selectRange('Sheet1', 'C5000');
    const region = await port.tableRegion();
    expect(region).toEqual({ sheet: 'Sheet1', top: 0, left: 0, rows: 100_001, cols: 8 });
    excel.syncs.length = 0;
    const progress: number[] = [];
    const data = await port.read(region!, (done) => progress.push(done));
    expect(data.values).toHaveLength(100_001);
    const last = 99_999;
    expect(data.text[100_000]).toEqual([
      excelSerialToIso(46300 + (last % 30), false), `PO-${24000 + (last % 500)}`, 'VAC-10', `FLU26${String(last % 997).padStart(4, '0')}`, '',
      excelSerialToIso(46700 + (last % 90), false), String(1 + (last % 40)), 'COLD-1',
    ]);
    expect(data.values[1][0]).toBe(46300);
    expect(excel.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(excel.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    // each sync carried one chunk: the chunks add up to the sheet, and there are few of them
    expect(excel.syncs.reduce((n, s) => n + s.loadedCells, 0)).toBe(100_001 * 8 * 3);
    expect(excel.syncs.length).toBe(progress.length);
    expect(excel.syncs.length).toBeLessThan(60);
    expect(progress.at(-1)).toBe(100_001);
  }, 60_000);

  it('halves a chunk that Excel refuses as too large and carries on', async () => {
    const excel = new FakeExcel();
    const long = 'x'.repeat(4000);
    excel.seed('Sheet1', 'A1', Array.from({ length: 2000 }, (_, i) => [`L${i}`, i < 600 ? long : 'short']));
    const data = await officePort(excel.host()).read({ sheet: 'Sheet1', top: 0, left: 0, rows: 2000, cols: 2 });
    expect(data.text.map((r) => r[0])).toEqual(Array.from({ length: 2000 }, (_, i) => `L${i}`));
    expect(excel.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });

  it('writes a status text starting with = as text, never as a formula', async () => {
    const excel = new FakeExcel();
    await officePort(excel.host()).writeColumn('Sheet1', 0, 3, ['=HYPERLINK("http://x")', '+1', 'OK']);
    expect(excel.book.cell('Sheet1', 0, 3)).toMatchObject({ value: '=HYPERLINK("http://x")' });
    expect(excel.book.cell('Sheet1', 0, 3)?.formula).toBeUndefined();
    expect(excel.book.text('Sheet1', 1, 3)).toBe('+1');
  });

  it('the fake turns unguarded = text into a formula, as Excel does, so the test above means something', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['=1+1']];
      await ctx.sync();
    });
    expect(excel.book.cell('Sheet1', 0, 0)?.formula).toBe('=1+1');
  });

  it('writes a 100,000-row Status column in requests under 5 MB, with events off so its own writes are not taken for edits', async () => {
    const excel = new FakeExcel();
    const texts = Array.from({ length: 100_000 }, (_, i) => `Serial P3-${i} of PUMP-3 is already in the ledger (it is at WH1-B); a serial is received once.`);
    await officePort(excel.host()).writeColumn('Sheet1', 1, 9, texts);
    expect(excel.syncs.length).toBeGreaterThan(3);
    expect(excel.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(excel.book.text('Sheet1', 100_000, 9)).toBe(texts[99_999]);
    expect(excel.events).toEqual([]);
    expect(excel.eventsEnabled).toBe(true);
    expect(excel.screenSuspensions).toBeGreaterThan(0);
  }, 60_000);

  it('marks cells with a fill and a note, and clearing takes away only its own words', async () => {
    const excel = new FakeExcel();
    excel.seed('Sheet1', 'A1', [['a', 'b']]);
    const port = officePort(excel.host());
    await excel.run(async (ctx: any) => {
      ctx.workbook.worksheets.getItem('Sheet1').notes.add('B1', 'Counted by Ann');
      await ctx.sync();
    });
    await port.mark('Sheet1', [{ row: 0, col: 0, severity: 'error', note: 'Lot is required.' }, { row: 0, col: 1, severity: 'warning', note: 'Expired.' }]);
    expect(excel.book.cell('Sheet1', 0, 0)).toMatchObject({ fill: MARK_FILL.error, note: 'LotLedger: Lot is required.' });
    expect(excel.book.cell('Sheet1', 0, 1)).toMatchObject({ fill: MARK_FILL.warning, note: 'Counted by Ann\nLotLedger: Expired.' });
    await port.mark('Sheet1', [{ row: 0, col: 1, severity: 'warning', note: 'Expired twice.' }]);
    expect(excel.book.cell('Sheet1', 0, 1)?.note).toBe('Counted by Ann\nLotLedger: Expired twice.');
    await port.clearMarks('Sheet1', [{ row: 0, col: 0 }, { row: 0, col: 1 }]);
    expect(excel.book.cell('Sheet1', 0, 0)).toMatchObject({ fill: undefined, note: undefined });
    expect(excel.book.cell('Sheet1', 0, 1)).toMatchObject({ fill: undefined, note: 'Counted by Ann' });
  });

  it('marks with fills alone where the host has no notes', async () => {
    const excel = new FakeExcel();
    await officePort(excel.host(false)).mark('Sheet1', [{ row: 2, col: 2, severity: 'error', note: 'x' }]);
    expect(excel.book.cell('Sheet1', 2, 2)).toMatchObject({ fill: MARK_FILL.error, note: undefined });
  });

  it('finds the table around one selected cell, and cuts a whole-column selection to the used cells', async () => {
    const excel = new FakeExcel();
    excel.seed('Sheet1', 'B2', [['PO #', 'Qty'], ['PO-1', 5], ['PO-2', 6]]);
    excel.seed('Sheet1', 'F1', [['elsewhere']]);
    const port = officePort(excel.host());
    excel.selectRange('Sheet1', 'C3');
    expect(await port.tableRegion()).toEqual({ sheet: 'Sheet1', top: 1, left: 1, rows: 3, cols: 2 });
    excel.selectRange('Sheet1', 'B1:C1048576');
    expect(await port.tableRegion()).toEqual({ sheet: 'Sheet1', top: 0, left: 1, rows: 4, cols: 2 });
    excel.selectRange('Sheet1', 'K20');
    expect(await port.tableRegion()).toBeNull();
  });

  it('tells the 1904 date system from the 1900 one', async () => {
    expect((await officePort(new FakeExcel({ date1904: true }).host()).info()).date1904).toBe(true);
    expect(await officePort(new FakeExcel({ name: 'Receiving.xlsx' }).host()).info()).toEqual({ name: 'Receiving.xlsx', date1904: false });
  });

  it('adds a template sheet: a hint line, the header under it, Text identifier columns and date columns below it, frozen', async () => {
    const excel = new FakeExcel({ sheets: ['Sheet1', 'Receiving'] });
    const port = officePort(excel.host());
    const name = await port.addSheet({ name: 'Receiving', hint: 'Receiving: one row per lot.', headers: ['Date', 'Lot #', 'Qty'], textColumns: [1], dateColumns: [0] });
    expect(name).toBe('Receiving (2)');
    expect(excel.book.cell(name, 0, 0)?.value).toBe('Receiving: one row per lot.');
    expect([0, 1, 2].map((c) => excel.book.cell(name, 1, c)?.value)).toEqual(['Date', 'Lot #', 'Qty']);
    expect(excel.book.formatOf(name, 5000, 1)).toBe('@');
    expect(excel.book.formatOf(name, 5000, 0)).toBe('yyyy-mm-dd');
    expect(excel.book.formatOf(name, 5000, 2)).toBe('General');
    expect(excel.frozenRows.get(name)).toBe(2);
    expect(excel.book.selection).toMatchObject({ sheet: name, top: 2, left: 0 });
  });

  it('sets a drop-down list on a column below its header, a long list from a hidden sheet, replacing an earlier rule', async () => {
    const excel = new FakeExcel({ sheets: ['Receiving'] });
    const port = officePort(excel.host());
    const skus = Array.from({ length: 80 }, (_, i) => `SKU-${i}`);
    await port.setListValidation('Receiving', 0, 2, skus);
    await port.setListValidation('Receiving', 2, 2, ['WH1-A', 'COLD-1']);
    await port.setListValidation('Receiving', 2, 2, ['WH1-A', 'COLD-1', 'QUAR']);
    expect(excel.validations).toEqual([
      { sheet: 'Receiving', address: 'A3:A1048576', source: "='Receiving lists'!$A$1:$A$80", inCellDropDown: true },
      { sheet: 'Receiving', address: 'C3:C1048576', source: 'WH1-A,COLD-1,QUAR', inCellDropDown: true },
    ]);
    expect(excel.hidden.has('Receiving lists')).toBe(true);
    expect(excel.book.cell('Receiving lists', 79, 0)?.value).toBe('SKU-79');
    // A second long list goes to the same hidden sheet, its own column.
    await port.setListValidation('Receiving', 1, 2, skus.map((s) => `${s},x`));
    expect(excel.validations.at(-1)?.source).toBe("='Receiving lists'!$B$1:$B$80");
    expect(excel.book.cell('Receiving lists', 0, 1)?.value).toBe('SKU-0,x');
  });

  it('formats a column as Text from a row down, keeping the numbers already there', async () => {
    const excel = new FakeExcel();
    excel.seed('Sheet1', 'A1', [['Serial No.'], [123], ['000124']]);
    await officePort(excel.host()).formatAsText('Sheet1', 0, 1);
    expect([1, 2, 900_000].map((r) => excel.book.formatOf('Sheet1', r, 0))).toEqual(['@', '@', '@']);
    expect(excel.book.formatOf('Sheet1', 0, 0)).toBe('General');
    expect(excel.book.cell('Sheet1', 1, 0)?.value).toBe(123);
  });

  it('tells the pane when the user selects other cells', async () => {
    const excel = new FakeExcel();
    const port = officePort(excel.host());
    const seen: unknown[] = [];
    const stop = port.onSelect(() => seen.push(excel.book.selection));
    await new Promise((r) => setTimeout(r, 0));
    await excel.userSelect('Sheet1', 'B3:B5');
    await new Promise((r) => setTimeout(r, 0));
    stop();
    await new Promise((r) => setTimeout(r, 0));
    await excel.userSelect('Sheet1', 'C1');
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([{ sheet: 'Sheet1', top: 2, left: 1, rows: 3, cols: 1 }]);
    expect(excel.syncs.length).toBeLessThanOrEqual(2); // adding and removing the handler: the pane reads the selection when it needs it
  });

  it('passes a user edit on to the pane, but not the pane\'s own writes', async () => {
    const excel = new FakeExcel();
    const port = officePort(excel.host());
    const seen: unknown[] = [];
    port.onEdit((r) => seen.push(r));
    await new Promise((r) => setTimeout(r, 0));
    await port.writeColumn('Sheet1', 0, 0, ['OK']);
    await excel.userEdit('Sheet1', 'B3:C4', [['x', 'y'], ['z', 'w']]);
    expect(seen).toEqual([{ sheet: 'Sheet1', top: 2, left: 1, rows: 2, cols: 2 }]);
  });

  it('remembers settings in the workbook', async () => {
    const port = officePort(new FakeExcel().host());
    expect(await port.getSetting('k')).toBeNull();
    await port.setSetting('k', '{"a":1}');
    expect(await port.getSetting('k')).toBe('{"a":1}');
  });

  it('selects a block of rows on another sheet and brings it to the front', async () => {
    const excel = new FakeExcel({ sheets: ['Sheet1', 'Receiving'] });
    const port = officePort(excel.host());
    await port.select('Receiving', 1, 0, 4, 6);
    expect(excel.book.selection).toEqual({ sheet: 'Receiving', top: 1, left: 0, rows: 4, cols: 6 });
    await port.select('Sheet1', 2, 3);
    expect(excel.book.selection).toEqual({ sheet: 'Sheet1', top: 2, left: 3, rows: 1, cols: 1 });
  });
});
