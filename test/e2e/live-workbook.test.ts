/**
 * The live workbook in Chromium (issue "A live workbook"): a recall sheet refreshed after a
 * new shipment, user notes beside it kept; and a column of 2,000 LOTLEDGER formulas in the
 * preview computed with a few lookup requests, matching the on-hand report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, isoToExcelSerial, todayUtc } from '../../shared/dates';
import type { OnHandAnswer } from '../../shared/report-answers';
import { openConnectedPane, startHarness, type Harness } from './pane-harness';

const d = (n: number) => addDays(todayUtc(), n);

let h: Harness;
let page: Page;
/** The POST /v1/lookup requests the page made. */
let lookups = 0;

const post = async (rows: object[]) => {
  const r = await h.api('POST', '/v1/batches', { rows });
  if (r.status !== 201) throw new Error(JSON.stringify(r.json));
};

beforeAll(async () => {
  h = await startHarness();
  await post([
    { type: 'receive', date: d(-20), sku: 'VAC-10', lot: 'FLU-A', expiry: d(300), qty: 100, to: 'COLD-1', party: 'Acme Pharma', ref: 'PO-1' },
    { type: 'receive', date: d(-20), sku: 'VAC-10', lot: 'FLU-B', expiry: d(20), qty: 40, to: 'WH1-A', ref: 'PO-1' },
    { type: 'receive', date: d(-20), sku: 'GLV-M', qty: 12, to: 'WH1-A', ref: 'PO-2' },
    { type: 'receive', date: d(-20), sku: 'PUMP-3', serial: 'P-001', to: 'WH1-B', ref: 'PO-3' },
    { type: 'receive', date: d(-20), sku: 'PUMP-3', serial: 'P-002', to: 'WH1-B', ref: 'PO-3' },
  ]);
  await post([
    { type: 'ship', date: d(-5), sku: 'VAC-10', lot: 'FLU-A', qty: 20, from: 'COLD-1', party: 'Clinic North', ref: 'SO-1' },
    { type: 'ship', date: d(-4), sku: 'PUMP-3', serial: 'P-002', from: 'WH1-B', party: 'Clinic South', ref: 'SO-2' },
  ]);
  page = await openConnectedPane(h, {
    watch: (p) => p.on('request', (r) => { if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/lookup') lookups++; }),
  });
}, 180_000);

afterAll(async () => {
  await h?.close();
});

const values = (sheet: string, address?: string) => page.evaluate(([s, a]) => window.lotledgerPreview!.getValues(s, a), [sheet, address] as const);
const setValues = (sheet: string, address: string, v: unknown[][]) => page.evaluate(([s, a, x]) => window.lotledgerPreview!.setValues(s, a, x as never), [sheet, address, v] as const);

/** The row of a value in column A. */
const rowOf = (cells: unknown[][], text: string) => cells.findIndex((r) => r[0] === text);

describe('a report sheet that refreshes', () => {
  it('pull a recall, post a shipment, Refresh: the sheet shows the new customer, the user\'s notes beside the table survive', async () => {
    await page.getByLabel('Item', { exact: true }).fill('VAC-10');
    await page.getByLabel('Lots', { exact: true }).fill('FLU-A');
    await page.getByRole('button', { name: 'Recall', exact: true }).click();
    await page.getByText('Added sheet “Recall VAC-10 FLU-A”').waitFor();
    const sheet = 'Recall VAC-10 FLU-A';
    const before = await values(sheet);
    const north = rowOf(before, 'Clinic North');
    expect(north).toBeGreaterThan(0);
    expect(rowOf(before, 'Clinic West')).toBe(-1);
    const title = String(before[0][0]);
    // The user's notes: beside Clinic North's row, and under the sheet's last table.
    await setValues(sheet, `H${north + 1}`, [['called Monday, lot in quarantine']]);
    await setValues(sheet, `J${before.length + 4}`, [['checked by QA']]);

    await post([{ type: 'ship', date: d(0), sku: 'VAC-10', lot: 'FLU-A', qty: 6, from: 'COLD-1', party: 'Clinic West', ref: 'SO-9' }]);
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.getByText(`Refreshed “${sheet}”`).waitFor();

    const after = await values(sheet);
    expect(await page.evaluate(() => window.lotledgerPreview!.sheetNames())).toEqual(['Sheet1', sheet]);
    const west = rowOf(after, 'Clinic West');
    expect(west).toBeGreaterThan(0);
    expect(after[west].slice(0, 2)).toEqual(['Clinic West', 6]);
    expect(String(after[0][0])).toMatch(/ · pulled \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(String(after[0][0]).replace(/ · pulled .*/, '')).toBe(title.replace(/ · pulled .*/, ''));
    expect((await values(sheet, `H${north + 1}`))[0][0]).toBe('called Monday, lot in quarantine');
    expect((await values(sheet, `J${before.length + 4}`))[0][0]).toBe('checked by QA');
    // What is on the shelves went down by the shipment.
    const shelves = rowOf(after, 'Still on our shelves: pull these');
    expect(after[shelves + 2].slice(0, 4)).toEqual(['VAC-10', 'COLD-1', 'FLU-A', 74]);
  });

  it('Refresh all refreshes every report sheet with one progress bar', async () => {
    await page.getByRole('button', { name: 'Expiring lots' }).click();
    await page.getByRole('button', { name: 'Pull expiring lots' }).click();
    await page.getByText('Added sheet “Expiring 30 days”').waitFor();
    await post([{ type: 'ship', date: d(0), sku: 'VAC-10', lot: 'FLU-B', qty: 15, from: 'WH1-A', party: 'Clinic West', ref: 'SO-10' }]);
    await page.getByRole('button', { name: 'Refresh all', exact: true }).click();
    await page.getByText('Refreshed 2 report sheets').waitFor();
    expect((await values('Expiring 30 days'))[2].slice(0, 2)).toEqual(['VAC-10', 'FLU-B']);
    expect((await values('Expiring 30 days'))[2][6]).toBe(25);
  });
});

describe('LOTLEDGER functions in the preview workbook', () => {
  it('2,000 ONHAND formulas compute with a few lookup requests, and their values match the on-hand report', async () => {
    const keys: [string, string, string][] = [['VAC-10', '', ''], ['VAC-10', 'FLU-A', ''], ['VAC-10', 'FLU-A', 'COLD-1'], ['GLV-M', '', ''], ['PUMP-3', '', 'WH1-B'], ['VAC-10', 'FLU-B', 'WH1-A'], ['SAL-500', '', ''], ['NOPE', '', '']];
    const rows = Array.from({ length: 2000 }, (_, i) => keys[i % keys.length]);
    await setValues('Sheet1', 'A1', rows);
    const start = lookups;
    await setValues('Sheet1', 'D1', rows.map((_, i) => [`=LOTLEDGER.ONHAND(A${i + 1}, B${i + 1}, C${i + 1})`]));
    await page.waitForFunction(() => !window.lotledgerPreview!.getValues('Sheet1', 'D1:D2000').flat().includes('#BUSY!'));
    expect(lookups - start).toBeGreaterThan(0);
    expect(lookups - start).toBeLessThanOrEqual(3);

    const report = (await h.api('GET', '/v1/reports/on-hand')).json as OnHandAnswer;
    const expected = (sku: string, lot: string, loc: string) => report.rows
      .filter((r) => r.sku === sku && (!lot || r.lot === lot) && (!loc || r.location === loc)).reduce((n, r) => n + r.qty, 0);
    const computed = (await values('Sheet1', 'D1:D2000')).map((r) => r[0]);
    computed.forEach((v, i) => {
      const [sku, lot, loc] = rows[i];
      if (sku === 'NOPE') expect(v, `row ${i + 1}`).toBe('#N/A');
      else expect(v, `row ${i + 1} ${sku} ${lot} ${loc}`).toBe(expected(sku, lot, loc));
    });
    expect(computed.slice(0, 8)).toEqual([99, 74, 74, 12, 1, 25, 0, '#N/A']);
    expect(await page.evaluate(() => window.lotledgerPreview!.getFormulas('Sheet1', 'D2'))).toEqual([['=LOTLEDGER.ONHAND(A2, B2, C2)']]);
  });

  it('EXPIRY gives a date, SERIAL where a unit is, HELD whether a lot is held; unknown keys #N/A, other formulas #NAME?', async () => {
    await setValues('Sheet1', 'F1', [[
      '=LOTLEDGER.EXPIRY("VAC-10", "FLU-A")', '=LOTLEDGER.SERIAL("P-001")', '=LOTLEDGER.SERIAL("P-002", "PUMP-3")',
      '=LOTLEDGER.HELD("VAC-10", "FLU-A")', '=LOTLEDGER.EXPIRY("VAC-10", "NOPE")', '=SUM(1,2)',
    ]]);
    await page.waitForFunction(() => !window.lotledgerPreview!.getValues('Sheet1', 'F1:K1').flat().includes('#BUSY!'));
    expect(await values('Sheet1', 'F1:K1')).toEqual([[isoToExcelSerial(d(300), false), 'WH1-B', 'Clinic South', false, '#N/A', '#NAME?']]);
    await page.getByRole('tab', { name: 'Sheet1' }).click();
    await page.getByText(d(300), { exact: true }).waitFor();
  });

  it('a formula whose cells change is computed again', async () => {
    await setValues('Sheet1', 'A8', [['GLV-M']]);
    await page.waitForFunction(() => window.lotledgerPreview!.getValues('Sheet1', 'D8')[0][0] === 12);
  });
});
