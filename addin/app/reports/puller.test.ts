import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../api/client';
import { fsmaRecord, lotTrace, recallAnswer } from '../../reports/fixtures';
import { FSMA204_COLUMNS } from '../../../shared/fsma204';
import type { Movement, MovementsPage } from '../../../shared/report-answers';
import type { GenealogyAnswer, Hold, HoldList, HoldRequest } from '../../../shared/recall-answers';
import { movement } from '../../reports/fixtures';
import { FakeExcel } from '../../workbook/fake-excel';
import { officePort } from '../../workbook/office';
import { lotsTyped, ReportPuller } from './puller';

const ITEMS = [{ sku: 'VAC-10' }, { sku: 'PUMP-3' }];

/** An API that answers reports from a table of paths, records what was asked, and keeps holds. */
function stubApi(answer: (path: string) => unknown) {
  const asked: string[] = [];
  const holds: Hold[] = [];
  const onHold = (sku: string, lot: string) => holds.find((h) => h.sku === sku && h.lot === lot && h.releasedAt === null);
  return {
    asked,
    holds,
    api: {
      items: async () => ITEMS as never,
      report: async <T,>(p: string): Promise<T> => {
        // A recall sheet reads the active holds of its items; those reads are not what a test asks about.
        if (p.startsWith('/v1/holds?')) {
          const sku = new URLSearchParams(p.slice(p.indexOf('?') + 1)).get('sku');
          return { holds: holds.filter((h) => h.sku === sku && h.releasedAt === null) } as T;
        }
        asked.push(p);
        return answer(p) as T;
      },
      hold: async (b: HoldRequest) => {
        asked.push(`hold ${b.sku} ${b.lots!.join(',')}: ${b.reason}`);
        const fresh = b.lots!.filter((lot) => !onHold(b.sku, lot));
        for (const lot of fresh) holds.unshift({ sku: b.sku, lot, serial: null, reason: b.reason, heldAt: '2026-11-24T08:06:00Z', heldBy: 'ann', releasedAt: null, releasedBy: null, releaseReason: null });
        return { held: fresh.length };
      },
      release: async (b: HoldRequest) => {
        asked.push(`release ${b.sku} ${b.lots!.join(',')}: ${b.reason}`);
        const held = b.lots!.map((lot) => onHold(b.sku, lot)).filter((h) => h !== undefined);
        for (const h of held) Object.assign(h, { releasedAt: '2026-11-24T09:00:00Z', releasedBy: 'ann', releaseReason: b.reason });
        return { released: held.length };
      },
      holds: async (sku: string): Promise<HoldList> => ({ holds: holds.filter((h) => h.sku === sku && h.releasedAt === null) }),
    },
  };
}

/** A receiving sheet in Excel whose lots are Text cells, one with leading zeros. */
function receivingSheet(): FakeExcel {
  const excel = new FakeExcel();
  excel.seed('Sheet1', 'A1', [['Item code', 'Lot #', 'Qty'], ['VAC-10', '000123', 40], ['VAC-10', 'FLU-B', 10]]);
  for (const r of [1, 2]) excel.book.setFormat('Sheet1', r, 1, '@');
  return excel;
}

const NOW = () => new Date('2026-11-24T08:05:30Z');

describe('pulling a report into Excel from the selection', () => {
  it('Trace lot with a lot cell selected asks for that lot (leading zeros kept) and its row\'s item, and adds the sheet', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'B2');
    const { api, asked } = stubApi(() => lotTrace());
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.traceLot();
    expect(asked).toEqual(['/v1/trace/lot?sku=VAC-10&lot=000123']);
    expect(puller.state.fields).toEqual({ sku: 'VAC-10', lots: '000123', serial: '', typed: false });
    expect(puller.state.notice).toMatchObject({ intent: 'success', title: 'Added sheet “Trace VAC-10 FLU-A”' });
    expect(excel.book.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Trace VAC-10 FLU-A']);
    expect(puller.state.busy).toBe(false);
    expect(puller.state.progress).toBeNull();
  });

  it('Recall with whole column B selected recalls every lot in it, cut to the used cells', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'B1:B1048576');
    const { api, asked } = stubApi(() => recallAnswer());
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.recall();
    expect(asked).toEqual(['/v1/reports/recall?sku=VAC-10&lot=000123&lot=FLU-B']);
    expect(excel.book.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Recall VAC-10 2 lots']);
  });

  it('typed item and lots win over the selection, once', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'B2');
    const { api, asked } = stubApi(() => recallAnswer());
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    puller.setField('sku', 'VAC-10');
    puller.setField('lots', 'L-1, L-2\nL-3');
    await puller.recall();
    // the report's own sheet is active now, its title selected: no lot there, so the fields are asked again
    await puller.recall();
    excel.selectRange('Sheet1', 'B2');
    await puller.recall();
    expect(asked).toEqual([
      '/v1/reports/recall?sku=VAC-10&lot=L-1&lot=L-2&lot=L-3',
      '/v1/reports/recall?sku=VAC-10&lot=L-1&lot=L-2&lot=L-3',
      '/v1/reports/recall?sku=VAC-10&lot=000123',
    ]);
  });

  it('says what to select when neither the selection nor the fields name a lot, and adds no sheet', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'H9');
    const { api, asked } = stubApi(() => lotTrace());
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.traceLot();
    expect(asked).toEqual([]);
    expect(puller.state.notice).toMatchObject({ intent: 'warning', text: expect.stringContaining('Select a lot cell') });
    expect(excel.book.sheets).toHaveLength(1);
  });

  it('shows the server\'s words when it refuses, and adds no sheet', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'B3');
    const { api } = stubApi(() => { throw new ApiRequestError(404, 'not_found', 'Lot FLU-B of VAC-10 is not in this workspace.'); });
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.traceLot();
    expect(puller.state.notice).toEqual({ intent: 'error', title: 'Report not pulled', text: 'Lot FLU-B of VAC-10 is not in this workspace.' });
    expect(excel.book.sheets).toHaveLength(1);
  });

  it('asks to connect first when there is no connection', async () => {
    const puller = new ReportPuller(officePort(receivingSheet().host()), () => null, NOW);
    await puller.expiring(30);
    expect(puller.state.notice).toMatchObject({ title: 'Not connected' });
  });

  it('fetches a movement window page by page and writes every movement, with progress', async () => {
    const excel = receivingSheet();
    const page = (n: number, next: string | null): MovementsPage => ({
      movements: Array.from({ length: 3 }, (_, i): Movement => movement({ type: 'receive', date: '2026-11-20', qty: n * 10 + i, to: 'COLD-1' })),
      nextCursor: next,
    });
    const { api, asked } = stubApi((p) => (p.includes('cursor=c2') ? page(3, null) : p.includes('cursor=c1') ? page(2, 'c2') : page(1, 'c1')));
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    const labels: string[] = [];
    puller.subscribe((s) => { if (s.progress) labels.push(s.progress.label); });
    await puller.movements({ from: '2026-11-01', to: '2026-11-24', sku: 'VAC-10' });
    expect(asked).toEqual([
      '/v1/reports/movements?from=2026-11-01&to=2026-11-24&sku=VAC-10',
      '/v1/reports/movements?from=2026-11-01&to=2026-11-24&sku=VAC-10&cursor=c1',
      '/v1/reports/movements?from=2026-11-01&to=2026-11-24&sku=VAC-10&cursor=c2',
    ]);
    expect(labels).toEqual(expect.arrayContaining(['Fetched 9 movements…', 'Writing 9 rows…']));
    const name = 'Movements 2026-11-01–11-24';
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((r) => excel.book.cell(name, r + 1, 5)?.value)).toEqual([10, 11, 12, 20, 21, 22, 30, 31, 32]);
  });

  it('reads typed lots separated by commas, spaces or new lines, each once', () => {
    expect(lotsTyped(' FLU-A, FLU-B;FLU-C\nFLU-A ')).toEqual(['FLU-A', 'FLU-B', 'FLU-C']);
  });
});

describe('holding the lots of a recall from its sheet', () => {
  it('holds the recall\'s lots with the reason, then pulls the recall again so its sheet shows them held; Release lifts them', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'B2:B3');
    const { api, asked } = stubApi(() => recallAnswer());
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.recall();
    expect(puller.state.recalled).toEqual({ sku: 'VAC-10', lots: ['000123', 'FLU-B'], derived: [], sheet: 'Recall VAC-10 2 lots' });
    await puller.hold('  Supplier recall R-7 ');
    expect(asked.slice(1)).toEqual(['hold VAC-10 000123,FLU-B: Supplier recall R-7', '/v1/reports/recall?sku=VAC-10&lot=000123&lot=FLU-B']);
    expect(puller.state.notice).toMatchObject({ intent: 'success', title: 'Added sheet “Recall VAC-10 2 lots (2)”', text: expect.stringMatching(/^2 lots of VAC-10 on hold \(2 newly held\)\. /) });
    expect(puller.state.recalled?.sheet).toBe('Recall VAC-10 2 lots (2)');
    // "The lots": FLU-A of the answer is not among the recalled lots' holds; only held lots say yes
    const heldColumn = (sheet: string) => [4, 5].map((r) => [excel.book.cell(sheet, r, 1)?.value, excel.book.cell(sheet, r, 4)?.value, excel.book.cell(sheet, r, 5)?.value]);
    expect(heldColumn('Recall VAC-10 2 lots')).toEqual([['FLU-A', 'no', ''], ['007', 'no', '']]);
    await puller.release('Cleared by QA');
    expect(asked.at(-2)).toBe('release VAC-10 000123,FLU-B: Cleared by QA');
    expect(puller.state.notice?.text).toMatch(/^2 holds on 2 lots of VAC-10 released\. /);
    expect(excel.book.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Recall VAC-10 2 lots', 'Recall VAC-10 2 lots (2)', 'Recall VAC-10 2 lots (3)']);
  });

  it('the re-pulled sheet says yes, with the reason, for each lot the ledger now holds', async () => {
    const excel = receivingSheet();
    const { api } = stubApi(() => recallAnswer());
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    puller.setField('sku', 'VAC-10');
    puller.setField('lots', 'FLU-A');
    await puller.recall();
    await puller.hold('Supplier recall R-7');
    const sheet = puller.state.recalled!.sheet;
    expect([0, 1, 2, 3, 4, 5, 6].map((c) => excel.book.text(sheet, 4, c))).toEqual(['VAC-10', 'FLU-A', '2027-11-30', '2026-10-25', 'yes', 'Supplier recall R-7', 'ann']);
    expect(puller.state.notice?.text).toMatch(/^1 lot of VAC-10 on hold \(1 newly held\)/);
  });

  it('holds the lots made from the recalled ones too, one request per item, and the sheet says they are held; unticked, only the recalled lots', async () => {
    const excel = receivingSheet();
    const { api, asked } = stubApi(() => ({ ...recallAnswer(), derived: [{ sku: 'KIT-1', lot: 'K1', depth: 1, via: 'WO-7' }] }));
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    puller.setField('sku', 'VAC-10');
    puller.setField('lots', 'FLU-A');
    await puller.recall();
    expect(puller.state.recalled?.derived).toEqual([{ sku: 'KIT-1', lot: 'K1' }]);
    await puller.hold('R-7');
    expect(asked.filter((a) => a.startsWith('hold'))).toEqual(['hold VAC-10 FLU-A: R-7', 'hold KIT-1 K1: R-7']);
    expect(puller.state.notice?.text).toMatch(/^1 lot of VAC-10 and 1 lot made from it on hold \(2 newly held\)\. /);
    // "Made from these lots": its header at row 8, KIT-1 K1 under it, On hold in the fifth column
    const sheet = puller.state.recalled!.sheet;
    expect([0, 1, 4].map((c) => excel.book.text(sheet, 9, c))).toEqual(['KIT-1', 'K1', 'yes']);
    await puller.release('cleared', false);
    expect(asked.filter((a) => a.startsWith('release'))).toEqual(['release VAC-10 FLU-A: cleared']);
  });

  it('selecting the lots of a recall sheet pulled before asks for that recall again, so it can be released later', async () => {
    const excel = receivingSheet();
    const { api, asked } = stubApi(() => recallAnswer());
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    puller.setField('sku', 'VAC-10');
    puller.setField('lots', 'FLU-A 007');
    await puller.recall();
    excel.selectRange('Recall VAC-10 2 lots', 'B5:B6');
    await puller.recall();
    expect(asked).toEqual(['/v1/reports/recall?sku=VAC-10&lot=FLU-A&lot=007', '/v1/reports/recall?sku=VAC-10&lot=FLU-A&lot=007']);
    expect(puller.state.recalled).toMatchObject({ sku: 'VAC-10', lots: ['FLU-A', '007'], sheet: 'Recall VAC-10 2 lots (2)' });
  });

  it('asks for a recall first, and for a reason, before holding anything', async () => {
    const excel = receivingSheet();
    const { api, asked } = stubApi(() => recallAnswer());
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.hold('Supplier recall');
    expect(puller.state.notice).toMatchObject({ intent: 'warning', title: 'Nothing to hold yet' });
    excel.selectRange('Sheet1', 'B2');
    await puller.recall();
    await puller.hold('   ');
    expect(puller.state.notice).toMatchObject({ intent: 'warning', title: 'Say why' });
    expect(asked.filter((a) => a.startsWith('hold'))).toEqual([]);
  });

  it('shows the server\'s words when it refuses the hold (a viewer\'s token), and adds no sheet', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'B2');
    const { api } = stubApi(() => recallAnswer());
    const puller = new ReportPuller(officePort(excel.host()), () => ({ ...api, hold: async () => { throw new ApiRequestError(403, 'forbidden', 'This needs a clerk token; yours is a viewer.'); } }), NOW);
    await puller.recall();
    await puller.hold('Supplier recall');
    expect(puller.state.notice).toEqual({ intent: 'error', title: 'Lots not held', text: 'This needs a clerk token; yours is a viewer.' });
    expect(excel.book.sheets).toHaveLength(2);
  });
  it('says the lots were held when only pulling the recall again failed', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'B2');
    let recalls = 0;
    const { api } = stubApi(() => { if (++recalls > 1) throw new ApiRequestError(503, 'busy', 'The ledger is busy; try again.'); return recallAnswer(); });
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.recall();
    await puller.hold('Supplier recall');
    expect(puller.state.notice).toEqual({ intent: 'error', title: 'Lots held, but the recall was not pulled again', text: 'The ledger is busy; try again.' });
  });
});

describe('a genealogy pulled from the selection', () => {
  it('asks for the selected lot\'s tree in the direction pressed and writes it indented', async () => {
    const excel = receivingSheet();
    excel.selectRange('Sheet1', 'B3');
    const answer: GenealogyAnswer = {
      nodes: [{ sku: 'VAC-10', lot: 'FLU-B', depth: 0 }, { sku: 'KIT-1', lot: 'K1', depth: 1 }],
      edges: [{ from: { sku: 'VAC-10', lot: 'FLU-B' }, to: { sku: 'KIT-1', lot: 'K1' }, ref: 'WO-9', date: '2026-11-20' }],
    };
    const { api, asked } = stubApi(() => answer);
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.genealogy('down');
    expect(asked).toEqual(['/v1/trace/genealogy?sku=VAC-10&lot=FLU-B&direction=down']);
    const name = 'Genealogy down VAC-10 FLU-B';
    expect([2, 3].map((r) => [excel.book.cell(name, r, 0)?.value, excel.book.cell(name, r, 4)?.value])).toEqual([['VAC-10 FLU-B', ''], ['  KIT-1 K1', 'WO-9']]);
  });
});

describe('the FSMA 204 record pulled into Excel (fake Excel)', () => {
  it('asks for the window and lots, writes one sortable table with the explanation below, and notes each missing element in its cell', async () => {
    const excel = new FakeExcel();
    const undescribed = fsmaRecord({ cte: 'shipping', partnerName: 'Bistro 9', partnerPhone: null, partnerAddress: null, missing: ['partnerPhone', 'partnerAddress'] });
    const { api, asked } = stubApi(() => ({ records: [fsmaRecord(), undescribed] }));
    const puller = new ReportPuller(officePort(excel.host()), () => api, NOW);
    await puller.fsma204({ from: '2026-11-01', to: '2026-11-30', sku: 'ROM-1', lots: ['L1', 'L 2'] });
    expect(asked).toEqual(['/v1/reports/fsma204?from=2026-11-01&to=2026-11-30&sku=ROM-1&lot=L1&lot=L+2']);
    const name = 'FSMA 204 2026-11-01 2026-11-30';
    expect(puller.state.notice).toMatchObject({ intent: 'success', title: `Added sheet “${name}”`, text: '2 records; 2 missing key data elements marked in yellow, each with a note.' });
    const last = String.fromCharCode(64 + FSMA204_COLUMNS.length - 26);
    expect(excel.tables.filter((t) => t.sheet === name).map((t) => t.address)).toEqual([`A3:A${last}5`, `A9:B${9 + FSMA204_COLUMNS.length}`]);
    expect(excel.tables.every((t) => t.hasHeaders)).toBe(true);
    expect(excel.frozenRows.get(name)).toBe(3);
    const col = (key: string) => FSMA204_COLUMNS.findIndex((c) => c.key === key);
    const cell = (r: number, key: string) => excel.book.cell(name, r, col(key));
    expect(cell(4, 'partnerPhone')).toMatchObject({ fill: '#FFEB9C', note: expect.stringMatching(/^LotLedger: Missing key data element: Previous source or recipient phone .*Describe Bistro 9 on a Parties sheet/) });
    expect(cell(4, 'partnerAddress')?.note).toMatch(/Previous source or recipient street address/);
    expect(cell(3, 'partnerPhone')?.note).toBeUndefined();
    expect(cell(4, 'missing')?.value).toBe('Previous source or recipient phone; Previous source or recipient street address');
    expect(excel.book.cell(name, 7, 0)?.value).toBe('What each column means');
    expect(excel.events).toEqual([]);
  });
});
