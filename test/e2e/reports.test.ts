import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, isoToExcelSerial, todayUtc } from '../../shared/dates';
import { ADMIN_TOKEN, part, repoRoot, startHarness, type Harness } from './pane-harness';

const d = (n: number) => addDays(todayUtc(), n);
const serial = (n: number) => isoToExcelSerial(d(n), false);
const HOSTILE = { lot: '=SUM(1,2)', party: '=HYPERLINK("http://evil.example","click")', ref: '+1', note: '-2' };

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  const post = async (rows: object[]) => {
    const r = await h.api('POST', '/v1/batches', { rows });
    if (r.status !== 201) throw new Error(JSON.stringify(r.json));
  };
  // The pump comes with a year's warranty from its shipment to a customer.
  const pump = await h.api('POST', '/v1/items', { items: [{ sku: 'PUMP-3', name: 'Infusion pump P3', unit: 'each', lotTracked: false, serialTracked: true, warrantyDays: 365 }] });
  if (pump.status !== 200) throw new Error(JSON.stringify(pump.json));
  await post([
    { type: 'receive', date: d(-20), sku: 'VAC-10', lot: 'FLU-A', expiry: d(300), qty: 100, to: 'COLD-1', party: 'Acme Pharma', ref: '000123' },
    { type: 'receive', date: d(-20), sku: 'VAC-10', lot: 'FLU-B', expiry: d(20), qty: 40, to: 'COLD-1', party: 'Acme Pharma', ref: 'PO-2' },
    { type: 'receive', date: d(-20), sku: 'VAC-10', lot: HOSTILE.lot, expiry: d(400), qty: 5, to: 'COLD-1', party: HOSTILE.party, ref: HOSTILE.ref, note: HOSTILE.note },
    { type: 'receive', date: d(-20), sku: 'PUMP-3', serial: 'P-001', to: 'WH1-B', ref: 'PO-3' },
  ]);
  await post([
    { type: 'ship', date: d(-5), sku: 'VAC-10', lot: 'FLU-A', qty: 20, from: 'COLD-1', party: 'Clinic North', ref: 'SO-1' },
    { type: 'ship', date: d(-5), sku: 'VAC-10', lot: 'FLU-B', qty: 10, from: 'COLD-1', party: 'Clinic South', ref: 'SO-2' },
    { type: 'ship', date: d(-5), sku: 'VAC-10', lot: HOSTILE.lot, qty: 1, from: 'COLD-1', party: HOSTILE.party, ref: HOSTILE.ref, note: HOSTILE.note },
    { type: 'ship', date: d(-4), sku: 'PUMP-3', serial: 'P-001', from: 'WH1-B', party: 'Clinic North', ref: 'SO-4' },
    { type: 'return', date: d(-2), sku: 'VAC-10', lot: 'FLU-A', qty: 3, to: 'QUAR', party: 'Clinic North', ref: 'RMA-1' },
  ]);
  page = await h.browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(`${h.server.url}/taskpane.html`);
  await page.waitForFunction(() => document.body.dataset.host === 'preview');
  await page.getByLabel('Access token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByText('Connected to').waitFor();
  // A shipping list a coordinator has open: lots with their item code in the same row.
  await page.evaluate(() => window.lotledgerPreview!.setValues('Sheet1', 'A1', [
    ['Item code', 'Lot #', 'Qty', '', 'Item code', 'Serial No.'],
    ['VAC-10', 'FLU-A', 20, '', 'PUMP-3', 'P-001'],
    ['VAC-10', 'FLU-B', 10],
    ['VAC-10', '', 1],
  ]));
  // The hostile lot typed as a clerk keeps '=…' as text in Excel: with a leading apostrophe.
  await page.evaluate(() => window.lotledgerPreview!.select('Sheet1', 'B4'));
  await page.getByLabel('Cell value').fill("'=SUM(1,2)");
  await page.getByLabel('Cell value').press('Enter');
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const values = (sheet: string) => page.evaluate((s) => window.lotledgerPreview!.getValues(s), sheet);
const select = (address: string) => page.evaluate((a) => window.lotledgerPreview!.select('Sheet1', a), address);

/** Presses a report button and waits for its sheet; answers the new sheet's name. */
async function pull(button: string): Promise<string> {
  const before = await page.evaluate(() => window.lotledgerPreview!.sheetNames());
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByText(/^Added sheet “/).last().waitFor();
  const after = await page.evaluate(() => window.lotledgerPreview!.sheetNames());
  const added = after.filter((n) => !before.includes(n));
  expect(added).toHaveLength(1);
  await page.getByRole('button', { name: button, exact: true }).and(page.locator(':not([disabled])')).waitFor();
  return added[0];
}

describe('reports pulled into the workbook from the selection', () => {
  it('Trace lot with a lot cell selected writes a trace sheet that reads from the lot to its customers to what is still here', async () => {
    await select('B2');
    const name = await pull('Trace lot');
    expect(name).toBe('Trace VAC-10 FLU-A');
    expect(await page.evaluate(() => window.lotledgerPreview!.activeSheet())).toBe(name);
    // the item and lot came from the selection, not from typing
    expect(await page.getByLabel('Item', { exact: true }).inputValue()).toBe('VAC-10');
    const cells = await values(name);
    expect(String(cells[0][0])).toMatch(/^Lot trace of VAC-10 lot FLU-A · pulled \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    // top to bottom: the lot, where it came from, where it went, what came back, who holds it, what is here, the record
    const order = ['The lot', 'Where it came from', 'Where it went', 'Returns', 'Who still holds it', 'What is still here', 'Every movement, voided ones and their reversals included']
      .map((heading) => cells.findIndex((r) => r[0] === heading));
    expect(order.every((row, i) => row > (order[i - 1] ?? 0))).toBe(true);
    expect(part(cells, 'The lot')).toEqual([
      ['SKU', 'Lot', 'Expiry', 'First received', 'Received', 'Shipped', 'Returned', 'On hand', 'On hold'],
      ['VAC-10', 'FLU-A', serial(300), serial(-20), 100, 20, 3, 83, 'no'],
    ]);
    const came = part(cells, 'Where it came from');
    expect(came[1].slice(0, 5)).toEqual([serial(-20), 'Acme Pharma', '000123', 100, 'COLD-1']);
    expect(part(cells, 'Where it went')[1].slice(0, 5)).toEqual([serial(-5), 'Clinic North', 'SO-1', 20, 'COLD-1']);
    expect(part(cells, 'Returns')[1].slice(0, 5)).toEqual([serial(-2), 'Clinic North', 'RMA-1', 3, 'QUAR']);
    expect(part(cells, 'Who still holds it').slice(1)).toEqual([['Clinic North', 17, 20, 3, 'SO-1', serial(-5)]]);
    expect(part(cells, 'What is still here')).toEqual([['Location', 'Qty'], ['COLD-1', 80], ['QUAR', 3]]);
    expect(part(cells, 'Every movement, voided ones and their reversals included')).toHaveLength(4);
  });

  it('Recall with a column of lots selected writes whom to call and what to pull off the shelves', async () => {
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await select('B2:B3');
    const name = await pull('Recall');
    expect(name).toBe('Recall VAC-10 2 lots');
    const cells = await values(name);
    expect(String(cells[0][0])).toMatch(/^Recall of VAC-10 lots FLU-A, FLU-B · pulled /);
    expect(part(cells, 'Who to call: customers who still hold it')).toEqual([
      ['Customer', 'Still held', 'Shipped', 'Returned', 'Orders', 'Last shipped', 'Lots they hold'],
      ['Clinic North', 17, 20, 3, 'SO-1', serial(-5), 'VAC-10 FLU-A: 17'],
      ['Clinic South', 10, 10, 0, 'SO-2', serial(-5), 'VAC-10 FLU-B: 10'],
    ]);
    expect(part(cells, 'Still on our shelves: pull these')).toEqual([
      ['SKU', 'Location', 'Lot', 'Qty', 'On hold'], ['VAC-10', 'COLD-1', 'FLU-A', 80, 'no'], ['VAC-10', 'COLD-1', 'FLU-B', 30, 'no'], ['VAC-10', 'QUAR', 'FLU-A', 3, 'no'],
    ]);
    if (process.env.LOTLEDGER_SCREENSHOTS) {
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(repoRoot, 'docs', 'recall-sheet.png') });
    }
  });

  it('a lot, customer, order and note that start with = + - are written as text, never as formulas', async () => {
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await select('B4');
    const name = await pull('Trace lot');
    expect(name).toBe('Trace VAC-10 =SUM(1,2)');
    const cells = await values(name);
    // The preview, as Excel, turns unguarded '=…' into a formula whose value is #NAME?; these hold the text itself.
    expect(part(cells, 'The lot')[1].slice(0, 2)).toEqual(['VAC-10', HOSTILE.lot]);
    expect(part(cells, 'Where it came from')[1].slice(0, 6)).toEqual([serial(-20), HOSTILE.party, HOSTILE.ref, 5, 'COLD-1', HOSTILE.note]);
    expect(part(cells, 'Where it went')[1].slice(0, 6)).toEqual([serial(-5), HOSTILE.party, HOSTILE.ref, 1, 'COLD-1', HOSTILE.note]);
    expect(cells.flat()).not.toContain('#NAME?');
  });

  it('Trace serial with a serial cell selected writes where the unit is, its warranty, and where it has been', async () => {
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await select('F2');
    const name = await pull('Trace serial');
    expect(name).toBe('Serial P-001');
    const cells = await values(name);
    expect(part(cells, 'The unit now')[1]).toEqual(['PUMP-3', 'P-001', '', 'shipped', '', 'Clinic North']);
    expect(part(cells, 'Warranty')).toEqual([['Shipped on', 'Until', 'Status'], [serial(-4), serial(361), 'active']]);
    expect(part(cells, 'Where it has been, voided movements and their reversals included').map((r) => r[1])).toEqual(['Type', 'receive', 'ship']);
  });

  it('typed lots feed a recall when the selection names none, and a lot the ledger does not know is answered in words', async () => {
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await select('H20');
    await page.getByLabel('Item', { exact: true }).fill('VAC-10');
    await page.getByLabel('Lots', { exact: true }).fill('NOPE-1');
    await page.getByRole('button', { name: 'Recall', exact: true }).click();
    await page.getByText('Report not pulled').waitFor();
    expect(await page.getByLabel('Report result').textContent()).toContain('NOPE-1');
    expect(await page.evaluate(() => window.lotledgerPreview!.sheetNames())).not.toContain('Recall VAC-10 NOPE-1');
  });

  it('expiring lots, stock on hand and the movement record land in their own sheets', async () => {
    await page.getByRole('button', { name: 'Expiring lots' }).click();
    const expiring = await pull('Pull expiring lots');
    expect(expiring).toBe('Expiring 30 days');
    expect((await values(expiring)).slice(1)).toEqual([
      ['SKU', 'Lot', 'Expiry', 'Days left', 'Expired', 'Location', 'Qty', 'On hold'],
      ['VAC-10', 'FLU-B', serial(20), 20, 'no', 'COLD-1', 30, 'no'],
    ]);
    await page.getByRole('button', { name: 'Stock on hand' }).click();
    const stock = await pull('Pull stock on hand');
    expect(stock).toBe(`On hand ${todayUtc()}`);
    expect((await values(stock)).slice(2).map((r) => r.join(' '))).toEqual(['VAC-10 =SUM(1,2)  COLD-1 4 no', 'VAC-10 FLU-A  COLD-1 80 no', 'VAC-10 FLU-A  QUAR 3 no', 'VAC-10 FLU-B  COLD-1 30 no']);
    await page.getByRole('button', { name: 'Movement record' }).click();
    const record = await pull('Pull movements');
    const cells = await values(record);
    expect(cells.slice(2).map((r) => r[1])).toEqual(['receive', 'receive', 'receive', 'receive', 'ship', 'ship', 'ship', 'ship', 'return']);
    expect(await page.evaluate(() => window.lotledgerPreview!.sheetNames())).toEqual([
      'Sheet1', 'Trace VAC-10 FLU-A', 'Recall VAC-10 2 lots', 'Trace VAC-10 =SUM(1,2)', 'Serial P-001', 'Expiring 30 days', `On hand ${todayUtc()}`, record,
    ]);
  });

  it('the Reports part fits a 320-pixel-wide pane with every report opened', async () => {
    const narrow = await h.browser.newPage({ viewport: { width: 320, height: 900 } });
    await narrow.goto(`${h.server.url}/taskpane.html?layout=pane`);
    await narrow.waitForFunction(() => document.body.dataset.host === 'preview');
    for (const name of ['Expiring lots', 'Stock on hand', 'Movement record', 'FSMA 204 (FDA records request)']) await narrow.getByRole('button', { name }).click();
    await narrow.getByRole('button', { name: 'EPCIS export' }).waitFor();
    await narrow.getByRole('button', { name: 'Pull movements' }).waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await narrow.close();
  });
});
