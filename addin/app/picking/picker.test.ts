import { describe, expect, it } from 'vitest';
import type { PickListAnswer, PickListRequest } from '../../../shared/pick-answers';
import type { Item } from '../../../shared/rows';
import { FakeExcel } from '../../workbook/fake-excel';
import { officePort } from '../../workbook/office';
import { Picker } from './picker';

const ITEMS: Item[] = [{ sku: 'VAC-10', name: 'Vaccine', unit: 'BX', lotTracked: true, serialTracked: false, requiresExpiry: true, gtin: '09506000134352' }];
const ANSWER: PickListAnswer = {
  lines: [{ line: 0, sku: 'VAC-10', qty: 12, short: 0, picks: [
    { lot: 'OLD', serial: null, location: 'COLD-1', qty: 10, expiry: '2026-12-30' },
    { lot: 'NEW', serial: null, location: 'COLD-1', qty: 2, expiry: '2027-06-01' },
  ] }],
};

/** An API that answers the item master and one pick list, and records what was asked. */
function stubApi() {
  const asked: PickListRequest[] = [];
  return { asked, api: { items: async () => ITEMS, pickList: async (req: PickListRequest) => { asked.push(req); return ANSWER; } } };
}

describe('picking in Excel', () => {
  it('makes a pick list from the order table around the selection, then marks a wrong scan where Excel shows it', async () => {
    const excel = new FakeExcel();
    excel.seed('Sheet1', 'A1', [['Order', 'Customer', 'SKU', 'Qty'], ['SO-1', 'Clinic North', 'VAC-10', 12]]);
    excel.selectRange('Sheet1', 'B2');
    const { api, asked } = stubApi();
    const picker = new Picker(officePort(excel.host()), () => api, () => '2026-12-05');
    await picker.makePickList(7);
    expect(asked).toEqual([{ lines: [{ sku: 'VAC-10', qty: 12, party: 'Clinic North', ref: 'SO-1' }], minShelfLifeDays: 7 }]);
    expect(picker.state.notice).toMatchObject({ intent: 'success', title: 'Added sheet “Pick list”' });
    const at = picker.state.sheet!.region;
    const cell = (r: number, c: number) => excel.book.cell('Pick list', r, c);
    expect(cell(at.top, 8)?.value).toBe('Scan');
    expect(cell(at.top + 1, 3)?.value).toBe('OLD');

    excel.seed('Pick list', `I${at.top + 2}`, [['(01)09506000134352(10)OLD'], ['(01)09506000134352(10)OLD']]);
    await picker.checkScans();
    expect(picker.state.notice).toMatchObject({ intent: 'error', title: '1 scan wrong' });
    expect(cell(at.top + 2, 8)?.fill).toBe('#FFC7CE');
    expect(cell(at.top + 2, 8)?.note).toBe('LotLedger: The scan is lot OLD; this row picks lot NEW.');
    expect(cell(at.top + 1, 8)?.fill).toBeFalsy();
    expect(String(cell(at.top + 1, 9)?.value)).toBe('10');

    // Scanned again, right: the mark goes.
    excel.seed('Pick list', `I${at.top + 3}`, [['(01)09506000134352(10)NEW']]);
    await picker.checkScans();
    expect(picker.state.notice).toMatchObject({ intent: 'success', title: '2 scans right' });
    expect(cell(at.top + 2, 8)?.fill).toBeFalsy();
  });

  it('says what is missing instead of asking the ledger: no header, no lines, no pick list yet', async () => {
    const excel = new FakeExcel();
    excel.seed('Sheet1', 'A1', [['Order', 'Customer', 'SKU', 'Qty']]);
    excel.selectRange('Sheet1', 'A1');
    const { api, asked } = stubApi();
    const picker = new Picker(officePort(excel.host()), () => api);
    await picker.makePickList();
    expect(picker.state.notice?.title).toBe('No order lines');
    await picker.checkScans();
    expect(picker.state.notice?.title).toBe('No pick list');
    expect(asked).toEqual([]);
  });
});
