import { describe, expect, it } from 'vitest';
import { recallAnswer } from '../../reports/fixtures';
import type { RecallAnswer } from '../../../shared/report-answers';
import { FakeExcel } from '../../workbook/fake-excel';
import { officePort } from '../../workbook/office';
import { previewPort } from '../../workbook/preview/port';
import { PreviewWorkbook } from '../../workbook/preview/workbook';
import type { WorkbookPort } from '../../workbook/port';
import { RECORD_KEY } from '../../workbook/report-record';
import { ReportPuller } from './puller';
import { ReportRefresher } from './refresher';

const MANY_LOTS = Array.from({ length: 40 }, (_, i) => `LOT-${String(i).padStart(3, '0')}`);

/** An API whose recall answer can change between pulls, and that records what was asked. */
const notAsked = async (): Promise<never> => { throw new Error('not asked'); };

function ledger() {
  let answer: RecallAnswer = recallAnswer();
  const asked: string[] = [];
  return {
    asked,
    setAnswer: (a: RecallAnswer) => { answer = a; },
    api: {
      items: async () => [{ sku: 'VAC-10' }] as never,
      report: async <T,>(p: string): Promise<T> => {
        if (p.startsWith('/v1/holds')) return { holds: [] } as T; // the recall sheet's hold column; not what these tests ask about
        asked.push(p);
        return (p.includes('expiring') ? { today: '2026-11-24', days: 30, lots: [] } : answer) as T;
      },
      hold: notAsked, release: notAsked, holds: notAsked,
    },
  };
}

const clock = (iso: string) => () => new Date(iso);
const withCustomer = (party: string): RecallAnswer => {
  const a = recallAnswer();
  a.customers.push({ party, shipped: 5, returned: 0, qty: 5, refs: ['SO-7'], lastShipped: '2026-11-24', lots: [{ sku: 'VAC-10', lot: 'FLU-A', qty: 5 }] });
  return a;
};

/** Both adapters: Office.js over the fake Excel, and the preview workbook. */
const adapters: [string, () => { port: WorkbookPort; cell: (sheet: string, address: string) => unknown; type: (sheet: string, address: string, v: string) => void; sheets: () => string[] }][] = [
  ['Office.js (fake Excel)', () => {
    const excel = new FakeExcel();
    const port = officePort(excel.host());
    return {
      port,
      cell: (s, a) => port.read({ sheet: s, ...parseBox(a) }).then((d) => d.values[0][0]),
      type: (s, a, v) => excel.seed(s, a, [[v]]),
      sheets: () => excel.book.sheets.map((x) => x.name),
    };
  }],
  ['preview', () => {
    const wb = new PreviewWorkbook();
    const port = previewPort(wb);
    return {
      port,
      cell: (s, a) => port.read({ sheet: s, ...parseBox(a) }).then((d) => d.values[0][0]),
      type: (s, a, v) => wb.setValues(s, parseBox(a).top, parseBox(a).left, [[v]], { byUser: true }),
      sheets: () => wb.sheets.map((x) => x.name),
    };
  }],
];

function parseBox(a: string) {
  const m = /^([A-Z])(\d+)$/.exec(a)!;
  return { top: Number(m[2]) - 1, left: m[1].charCodeAt(0) - 65, rows: 1, cols: 1 };
}

describe.each(adapters)('Refresh through the %s adapter', (_, make) => {
  it('re-pulls the report sheet in front in place: new figures, a new pulled time, the user\'s notes beside the tables kept', async () => {
    const book = make();
    const l = ledger();
    const puller = new ReportPuller(book.port, () => l.api, clock('2026-11-24T08:05:00Z'));
    puller.setField('sku', 'VAC-10');
    puller.setField('lots', MANY_LOTS.join(' '));
    await puller.recall();
    const sheet = 'Recall VAC-10 40 lots';
    expect(book.sheets()).toEqual(['Sheet1', sheet]);
    // Customers: heading row 11, header row 12, Clinic North row 13 (A–G); a note beside it in I13, another far below.
    expect(await book.cell(sheet, 'A13')).toBe('Clinic North');
    book.type(sheet, 'I13', 'called Monday');
    book.type(sheet, 'A40', 'my total');

    l.setAnswer(withCustomer('Clinic West'));
    const refresher = new ReportRefresher(book.port, () => l.api, clock('2026-11-25T09:30:00Z'));
    const progress: number[] = [];
    refresher.subscribe((s) => { if (s.progress && s.progress.total) progress.push(s.progress.done / s.progress.total); });
    await refresher.refreshActive();
    expect(refresher.state.notice).toMatchObject({ intent: 'success', title: `Refreshed “${sheet}”` });
    expect(book.sheets()).toEqual(['Sheet1', sheet]);
    expect(l.asked.at(-1)).toBe(`/v1/reports/recall?sku=VAC-10&${MANY_LOTS.map((x) => `lot=${x}`).join('&')}`);
    expect(await book.cell(sheet, 'A1')).toMatch(/pulled 2026-11-25 09:30 UTC$/);
    expect(await book.cell(sheet, 'A14')).toBe('Clinic West');
    expect(await book.cell(sheet, 'I13')).toBe('called Monday');
    expect(await book.cell(sheet, 'A40')).toBe('my total');
    // The shelves part moved down a row: its old heading row holds nothing stale.
    expect(await book.cell(sheet, 'A16')).toBe('Still on our shelves: pull these');
    expect(await book.cell(sheet, 'A15')).toBe('');
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('asks before writing over the user\'s cells the new report needs, and writes only when told to', async () => {
    const book = make();
    const l = ledger();
    const puller = new ReportPuller(book.port, () => l.api, clock('2026-11-24T08:05:00Z'));
    puller.setField('sku', 'VAC-10');
    puller.setField('lots', 'FLU-A 007');
    await puller.recall();
    const sheet = 'Recall VAC-10 2 lots';
    // Clinic North is row 13 of the customers; the row below it is free, and the user wrote there.
    book.type(sheet, 'B14', 'mine');
    l.setAnswer(withCustomer('Clinic West'));
    const refresher = new ReportRefresher(book.port, () => l.api, clock('2026-11-25T09:30:00Z'));
    await refresher.refreshActive();
    expect(refresher.state.asking?.text).toBe('The refreshed “Recall VAC-10 2 lots” needs 1 cell that hold your data (B14). Write over it?');
    expect(await book.cell(sheet, 'B14')).toBe('mine');
    expect(await book.cell(sheet, 'A1')).toMatch(/pulled 2026-11-24 08:05 UTC$/);

    refresher.keepCells();
    expect(refresher.state.notice).toMatchObject({ title: 'Not refreshed' });
    expect(await book.cell(sheet, 'B14')).toBe('mine');

    await refresher.refreshActive();
    await refresher.overwrite();
    expect(refresher.state.notice).toMatchObject({ intent: 'success', title: 'Refreshed 1 sheet' });
    expect(await book.cell(sheet, 'A14')).toBe('Clinic West');
    expect(await book.cell(sheet, 'B14')).toBe(5);
  });

  it('Refresh all refreshes every report sheet and no other; Refresh on another sheet says it is none', async () => {
    const book = make();
    const l = ledger();
    const puller = new ReportPuller(book.port, () => l.api, clock('2026-11-24T08:05:00Z'));
    puller.setField('sku', 'VAC-10');
    puller.setField('lots', 'FLU-A');
    await puller.recall();
    await puller.expiring(30);
    l.setAnswer(withCustomer('Clinic West'));
    const refresher = new ReportRefresher(book.port, () => l.api, clock('2026-11-25T09:30:00Z'));
    await refresher.refreshAll();
    expect(refresher.state.notice).toMatchObject({ intent: 'success', title: 'Refreshed 2 report sheets' });
    expect(await book.cell('Recall VAC-10 FLU-A', 'A14')).toBe('Clinic West');
    expect(book.sheets()).toHaveLength(3);

    await book.port.select('Sheet1', 0, 0);
    await refresher.refreshActive();
    expect(refresher.state.notice).toMatchObject({ title: 'Not a report sheet' });
  });
});

describe('the record of a report sheet in Excel', () => {
  it('is kept in one worksheet custom property, replaced on refresh, its tables replaced too', async () => {
    const excel = new FakeExcel();
    const l = ledger();
    const port = officePort(excel.host());
    const puller = new ReportPuller(port, () => l.api, clock('2026-11-24T08:05:00Z'));
    puller.setField('sku', 'VAC-10');
    puller.setField('lots', MANY_LOTS.join(' '));
    await puller.recall();
    const props = excel.customProperties.get('Recall VAC-10 40 lots')!;
    expect([...props.keys()]).toEqual([RECORD_KEY]);
    const [report] = await port.reportSheets();
    expect(report.record.query).toEqual({ kind: 'recall', params: { sku: 'VAC-10', lots: MANY_LOTS } });
    expect(excel.tables.filter((t) => t.sheet === report.sheet)).toHaveLength(3);

    l.setAnswer(withCustomer('Clinic West'));
    await new ReportRefresher(port, () => l.api).refreshAll();
    expect([...props.keys()]).toEqual([RECORD_KEY]);
    const [after] = await port.reportSheets();
    expect(after.record.query).toEqual(report.record.query);
    expect(after.record.footprint).not.toEqual(report.record.footprint);
    expect(excel.tables.filter((t) => t.sheet === report.sheet).map((t) => t.address)).toEqual(['A4:H6', 'A12:G14', 'A17:E19']);
  });
});
