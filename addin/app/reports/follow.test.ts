import { describe, expect, it } from 'vitest';
import { FakeExcel } from '../../workbook/fake-excel';
import { officePort } from '../../workbook/office';
import { fieldsOf, ReportPuller } from './puller';

const notAsked = async (): Promise<never> => { throw new Error('not asked'); };
const api = { items: async () => [{ sku: 'VAC-10' }, { sku: 'PUMP-3' }] as never, report: notAsked, hold: notAsked, release: notAsked, holds: notAsked };
const pause = () => new Promise((r) => setTimeout(r, 250));

/** A shipping list in Excel, a puller following its selection. */
async function following() {
  const excel = new FakeExcel();
  excel.seed('Sheet1', 'A1', [['Item code', 'Lot #', 'Qty', '', 'Item code', 'Serial No.'], ['VAC-10', 'FLU-A', 20, '', 'PUMP-3', 'P-001'], ['VAC-10', 'FLU-B', 10], ['Checked by Ann']]);
  const puller = new ReportPuller(officePort(excel.host()), () => api);
  const stop = puller.follow();
  await new Promise((r) => setTimeout(r, 0));
  return { excel, puller, stop };
}

describe('the report fields follow the selection', () => {
  it('fill from the selected lots, serial and their item, and are cleared when the selection names none', async () => {
    const { excel, puller, stop } = await following();
    await excel.userSelect('Sheet1', 'B2');
    await pause();
    expect(puller.state.fields).toEqual({ sku: 'VAC-10', lots: 'FLU-A', serial: '', typed: false });
    await excel.userSelect('Sheet1', 'B2:B3');
    await pause();
    expect(puller.state.fields.lots).toBe('FLU-A, FLU-B');
    await excel.userSelect('Sheet1', 'F2');
    await pause();
    expect(puller.state.fields).toEqual({ sku: 'PUMP-3', lots: '', serial: 'P-001', typed: false });
    // A note selected alone names no lot: the lot of the trace before must not stay for a recall.
    await excel.userSelect('Sheet1', 'A4');
    await pause();
    expect(puller.state.fields).toEqual({ sku: '', lots: '', serial: '', typed: false });
    stop();
  });

  it('typing after a selection wins over a selection change not yet read', async () => {
    const { excel, puller, stop } = await following();
    await excel.userSelect('Sheet1', 'B2');
    puller.setField('lots', 'NOPE-1');
    await pause();
    expect(puller.state.fields).toMatchObject({ lots: 'NOPE-1', typed: true });
    stop();
    await excel.userSelect('Sheet1', 'B3');
    await pause();
    expect(puller.state.fields.lots).toBe('NOPE-1');
  });

  it('fieldsOf takes the lots of the first item only, and nothing from rows without an item', () => {
    expect(fieldsOf([
      { row: 1, sku: 'VAC-10', lot: 'A', serial: null }, { row: 2, sku: 'SAL-500', lot: 'B', serial: null }, { row: 3, sku: 'VAC-10', lot: 'C', serial: null },
    ])).toEqual({ sku: 'VAC-10', lots: 'A, C', serial: '', typed: false });
    expect(fieldsOf([{ row: 0, sku: null, lot: 'Lot trace of VAC-10', serial: 'Lot trace of VAC-10' }])).toEqual({ sku: '', lots: '', serial: '', typed: false });
  });
});
